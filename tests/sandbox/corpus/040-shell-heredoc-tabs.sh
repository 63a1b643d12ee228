cat <<-EOF
	indented
	lines
	EOF
