gzip -k nums.txt; ls nums.txt*
