echo -e "a\0101b"
echo -e "\c stop"; echo after
