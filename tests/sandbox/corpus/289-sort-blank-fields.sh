printf "a  3\nb 1\nc   2\n" | sort -k2n
