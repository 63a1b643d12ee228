sed -n "/gamma/,6p" lines.txt
