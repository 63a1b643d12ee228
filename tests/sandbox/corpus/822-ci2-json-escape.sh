printf '%s' 'say "hi"\' | sed 's/\\/\\\\/g; s/"/\\"/g'; echo
