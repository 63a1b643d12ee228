printf 'a]b\nab\n' | awk '/a[]]b/'
