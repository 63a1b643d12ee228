touch UPPER.TXT; find . -iname "upper*"
