sed "s/THE/a/gI" words.txt 2>/dev/null || sed "s/[Tt]he/a/g" words.txt
