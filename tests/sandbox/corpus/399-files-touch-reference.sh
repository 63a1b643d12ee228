touch -d "2019-05-05 10:00:00" ref.txt
touch -r ref.txt other.txt
stat -c %Y other.txt
