sed -n "/beta/,+2p" lines.txt
