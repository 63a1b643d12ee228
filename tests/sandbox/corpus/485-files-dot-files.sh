touch .hidden
ls
ls -a | grep hidden
