s=abcdef; echo ${#s}
t=""; echo ${#t}
