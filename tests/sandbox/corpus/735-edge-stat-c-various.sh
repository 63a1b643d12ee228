stat -c "%n|%s|%h|%U|%G|%a|%F" dir lines.txt
