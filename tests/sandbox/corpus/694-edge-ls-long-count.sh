ls -l dir | head -1
