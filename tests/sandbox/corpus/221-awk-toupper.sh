awk '{print toupper($1)}' lines.txt | head -3
