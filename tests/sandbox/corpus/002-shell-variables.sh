a=1; b="two words"; echo "$a $b"
echo ${a}x ${b}y
unset a; echo "[${a}]"
