echo 'a,,c,' | awk -F, '{print NF; for (i=1;i<=NF;i++) printf "[%s]", $i; print ""}'
