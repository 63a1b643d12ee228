ln -s lines.txt link; chmod +x nums.txt
ls -F
