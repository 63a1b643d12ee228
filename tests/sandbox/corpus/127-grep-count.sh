grep -c a lines.txt
grep -c zzz lines.txt; echo $?
