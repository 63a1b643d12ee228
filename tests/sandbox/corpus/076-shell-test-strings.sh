[ -z "" ] && echo empty
[ -n "x" ] && echo nonempty
[ abc = abc ] && echo eq
[ abc != abd ] && echo ne
