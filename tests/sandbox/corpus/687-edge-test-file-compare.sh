ln lines.txt hl; [ lines.txt -ef hl ] && echo same-inode
[ lines.txt -ef nums.txt ] || echo different
