sha512sum nums.txt
