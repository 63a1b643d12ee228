echo "a b c d" | { read x y rest; echo "$x|$y|$rest"; }
