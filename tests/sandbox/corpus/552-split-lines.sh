seq 1 10 | split -l 4 - part_
ls part_*
cat part_ab
