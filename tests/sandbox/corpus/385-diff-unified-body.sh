sed "s/gamma/GAMMA/" lines.txt > changed.txt
diff -u lines.txt changed.txt | tail -n +3
