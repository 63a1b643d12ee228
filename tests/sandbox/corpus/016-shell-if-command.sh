if grep -q beta lines.txt; then echo found; fi
if ! grep -q omega lines.txt; then echo missing; fi
