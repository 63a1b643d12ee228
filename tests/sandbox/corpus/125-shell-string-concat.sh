a=foo; b=bar; c="$a$b"; echo $c ${a}_${b}
