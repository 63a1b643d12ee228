sed -n "\$=" lines.txt nums.txt
sed -s -n "\$=" lines.txt nums.txt
