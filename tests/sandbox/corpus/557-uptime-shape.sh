uptime | grep -c " up "
