if echo abc | grep -q b; then echo matched; fi
