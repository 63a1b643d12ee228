mkdir -p x/y; ln -s x/y yy
readlink -f yy | sed "s|.*/work|W|"
