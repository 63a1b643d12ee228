h=$(hostname); [ -n "$h" ] && echo has-hostname
