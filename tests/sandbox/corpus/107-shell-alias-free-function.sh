ll() { ls "$@" | sort; }
ll dir
