awk '# comment
{ print $1 } # trailing' nums.txt | head -2
