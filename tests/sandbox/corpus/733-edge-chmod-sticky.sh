mkdir st; chmod 1777 st; stat -c "%a %A" st
