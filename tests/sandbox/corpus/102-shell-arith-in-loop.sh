sum=0; for n in $(cat nums.txt); do sum=$((sum+n)); done; echo $sum
