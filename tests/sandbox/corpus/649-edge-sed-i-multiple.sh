cp lines.txt a; cp nums.txt b; sed -i "1d" a b; head -1 a b
