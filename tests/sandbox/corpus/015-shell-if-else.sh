if [ 1 -eq 1 ]; then echo yes; else echo no; fi
if [ a = b ]; then echo same; elif [ a = a ]; then echo elif; fi
