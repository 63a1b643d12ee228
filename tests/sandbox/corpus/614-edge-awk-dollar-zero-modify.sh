echo 'x y z' | awk '{$0 = "p q"; print NF, $2}'
