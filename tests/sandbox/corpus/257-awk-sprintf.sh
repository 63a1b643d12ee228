awk 'BEGIN { s = sprintf("%03d-%s", 7, "x"); print s }'
