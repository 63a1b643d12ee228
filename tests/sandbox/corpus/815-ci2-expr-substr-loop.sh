s=abcdef; i=1
while [ $i -le $(expr length $s) ]; do printf "%s " $(expr substr $s $i 1); i=$((i+1)); done; echo
