grep "^e" lines.txt
grep "a$" lines.txt
