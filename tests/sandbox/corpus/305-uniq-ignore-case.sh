printf "a\nA\nb\n" | uniq -i
