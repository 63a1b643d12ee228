yes "a b" | head -2
