expr "hello123" : "[a-z]*"
expr "hello123" : "\([a-z]*\)"
expr "abc" : "x"
