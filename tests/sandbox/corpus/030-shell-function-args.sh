count() { echo $#; }
count a b c
count
show() { for a in "$@"; do echo "<$a>"; done; }
show 1 "2 3" 4
