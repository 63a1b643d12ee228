f() { return 3; }
f; echo $?
g() { echo inner; return 0; }
g && echo ok
