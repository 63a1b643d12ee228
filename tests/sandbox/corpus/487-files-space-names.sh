touch "with space.txt"
ls "with space.txt"
for f in *space*; do echo "[$f]"; done
rm "with space.txt"
