install -D nums.txt deep/path/nums.txt
cat deep/path/nums.txt | head -1
