env -i A=1 B=2 env | sort
