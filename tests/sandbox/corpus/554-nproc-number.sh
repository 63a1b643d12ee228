n=$(nproc); [ "$n" -ge 1 ] && echo positive
