exec 3< nums.txt
read -r first <&3
read -r second <&3
exec 3<&-
echo "$first $second"
