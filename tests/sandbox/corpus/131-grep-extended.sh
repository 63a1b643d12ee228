grep -E "^(alpha|beta)$" lines.txt
egrep "e{2}|ta$" lines.txt
