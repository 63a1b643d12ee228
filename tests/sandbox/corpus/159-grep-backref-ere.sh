printf "xx\nxy\n" | grep -E "(x)\1"
