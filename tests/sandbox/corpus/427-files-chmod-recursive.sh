chmod -R go-rwx dir
find dir -exec stat -c "%a %n" {} \; | sort -k2
