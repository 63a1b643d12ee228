printf "%c|%c|%s\n" hello "" x
