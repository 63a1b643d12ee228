ls lines.txt dir
