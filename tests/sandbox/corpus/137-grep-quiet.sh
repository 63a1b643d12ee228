grep -q beta lines.txt && echo yes
grep -q omega lines.txt || echo no
