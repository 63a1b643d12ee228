FOO=bar env -u FOO env | grep -c FOO
