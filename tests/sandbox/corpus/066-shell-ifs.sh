IFS=:; set -- $(echo a:b:c); echo $# $2
IFS=","; for x in $(echo 1,2,3); do echo $x; done
