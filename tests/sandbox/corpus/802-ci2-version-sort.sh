printf "1.10.0\n1.2.0\n1.9.3\n2.0.0\n1.2.10\n" | sort -V
printf "1.10.0\n1.2.0\n1.9.3\n" | sort -t. -k1,1n -k2,2n -k3,3n | tail -1
