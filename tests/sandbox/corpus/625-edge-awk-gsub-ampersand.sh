echo 'hello' | awk '{ gsub(/l/, "[&]"); print; gsub(/\[/, "\\&"); print }'
