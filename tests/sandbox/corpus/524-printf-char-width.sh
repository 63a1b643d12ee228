printf "[%3s][%-3s][%.2s]\n" a b abcdef
