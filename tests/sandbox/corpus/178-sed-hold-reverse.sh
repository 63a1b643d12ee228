sed -n "1!G;h;\$p" lines.txt
