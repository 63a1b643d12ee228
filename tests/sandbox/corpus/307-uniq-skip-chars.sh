printf "ax\nbx\ncy\n" | uniq -s1
