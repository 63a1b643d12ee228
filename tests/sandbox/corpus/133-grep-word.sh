grep -w the words.txt
grep -w he words.txt; echo $?
