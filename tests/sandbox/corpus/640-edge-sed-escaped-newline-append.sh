printf "a\nb\n" | sed "/a/a\\
line1\\
line2"
