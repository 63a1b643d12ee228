dirname a/b/c
dirname /a
dirname a/
dirname ../x
