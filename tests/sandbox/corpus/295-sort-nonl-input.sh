sort nonl.txt nums.txt
