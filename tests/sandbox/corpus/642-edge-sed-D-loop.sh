printf "a\n\n\nb\n\n\nc\n" | sed "/^$/N;/\n$/D"
