cp nums.txt n.txt
sed -i.bak "s/2/two/" n.txt
cat n.txt n.txt.bak
