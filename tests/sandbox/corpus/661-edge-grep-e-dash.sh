printf -- "-x\ny\n" | grep -e -x
