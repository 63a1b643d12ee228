sed "s/[aeiou]/<&>/g" lines.txt | head -2
