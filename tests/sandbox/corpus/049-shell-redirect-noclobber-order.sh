echo x 2>&1 >/dev/null; echo done
