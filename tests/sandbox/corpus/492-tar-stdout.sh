tar cf - lines.txt | tar tf -
