printf '{"name": "%s", "items": [%s]}\n' demo "$(seq -s, 1 5)"
