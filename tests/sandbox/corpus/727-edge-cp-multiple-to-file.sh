cp lines.txt nums.txt notadir; echo status=$?
