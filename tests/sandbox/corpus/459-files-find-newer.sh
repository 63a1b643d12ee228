touch -d "2000-01-01" old.txt
find . -maxdepth 1 -name "*.txt" ! -newer old.txt
