printf "a\nb\nc\n" > c1; printf "b\nc\nd\n" > c2
comm c1 c2
comm -12 c1 c2
