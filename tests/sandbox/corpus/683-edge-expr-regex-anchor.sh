expr "abc" : "b"; expr "abc" : ".*c"
