cat nosuch 2>/dev/null; echo $?
echo hidden > /dev/null; echo visible
