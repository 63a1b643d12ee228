kill -l 9
kill -l KILL
kill -l 15
