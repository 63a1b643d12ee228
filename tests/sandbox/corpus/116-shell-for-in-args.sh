set -- x y
for a; do echo $a; done
