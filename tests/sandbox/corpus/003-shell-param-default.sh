echo ${u:-default} ${u-dash}
x=""; echo "[${x:-empty}]" "[${x-unset}]"
echo ${y:=assigned}; echo $y
