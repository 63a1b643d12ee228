sed -e "s/alpha/A/" -e "s/beta/B/" lines.txt | head -3
