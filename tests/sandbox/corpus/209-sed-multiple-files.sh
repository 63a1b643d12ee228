sed -n "\$=" lines.txt nums.txt
sed -n "1p" lines.txt nums.txt
