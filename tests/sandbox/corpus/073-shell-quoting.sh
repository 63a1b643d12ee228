echo "a\"b" 'c"d' "e\$f" 'g\h'
echo "tab:\t" 'literal\n'
