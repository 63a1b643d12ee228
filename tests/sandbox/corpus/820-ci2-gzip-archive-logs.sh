cp log.txt app.log; cp log.txt app.log.1
gzip app.log.1
ls app.log*
zcat app.log.1.gz | grep -c ERROR
