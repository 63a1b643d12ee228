echo -e "a\tb\nc"
echo -e "\x41\0102"
echo "no \t escapes"
