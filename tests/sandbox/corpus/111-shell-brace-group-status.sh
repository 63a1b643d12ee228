{ false; }; echo $?
{ true; echo in; } | cat
