printf "aaa\nb\n" | sed ":x;s/a/b/;tx"
