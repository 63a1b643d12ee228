cp lines.txt lines.txt; echo status=$?
