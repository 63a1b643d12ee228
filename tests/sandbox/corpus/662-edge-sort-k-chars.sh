printf "a2x\nb1y\nc3z\n" | sort -k1.2,1.2n
