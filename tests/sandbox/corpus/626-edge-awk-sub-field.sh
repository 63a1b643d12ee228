echo 'aa bb' | awk '{ sub(/b/, "X", $2); print; print $0 }'
