touch new.txt
ls -l new.txt | cut -c1-10
wc -c < new.txt
