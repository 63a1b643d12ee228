echo [ln]*.txt
