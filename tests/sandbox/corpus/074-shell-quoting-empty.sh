f() { echo $#; }
f "" '' x
f $empty
