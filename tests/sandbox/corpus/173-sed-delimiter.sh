echo /usr/local/bin | sed "s|/|:|g"
echo path | sed "s#path#/new/path#"
