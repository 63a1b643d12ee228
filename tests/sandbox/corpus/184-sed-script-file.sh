printf "s/a/@/g\n/^b/d\n" > prog.sed
sed -f prog.sed lines.txt
