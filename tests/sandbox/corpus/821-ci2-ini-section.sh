awk -v s=other '/^\[/{in_s = ($0 == "[" s "]"); next} in_s && /=/ {print}' config.ini
