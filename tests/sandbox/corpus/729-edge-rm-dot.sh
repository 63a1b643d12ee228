rm -rf .; echo status=$?
