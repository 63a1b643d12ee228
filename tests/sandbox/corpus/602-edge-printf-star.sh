printf "[%*d][%-*s][%.*s]\n" 5 42 4 ab 2 abcdef
