cat <<EOF
line one
value: $HOME
EOF
