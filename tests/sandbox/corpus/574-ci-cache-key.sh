key=$(cat lines.txt nums.txt | md5sum | cut -d" " -f1)
echo "cache-key: ${key}"
[ ${#key} -eq 32 ] && echo valid-length
