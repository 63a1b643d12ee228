grep "\(ta\)\1" lines.txt; echo $?
echo abab | grep "\(ab\)\1"
