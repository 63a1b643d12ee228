awk 'BEGIN { print tolower("MiXeD"), index("banana", "nan") }'
