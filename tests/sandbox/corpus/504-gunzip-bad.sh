echo notgzip > bad.gz; gunzip bad.gz; echo status=$?
