echo 'a b' | awk '{ $4 = "d"; print; print NF }'
