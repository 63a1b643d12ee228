sed -n "2,6{/e/{/t/p}}" lines.txt
