x=$(cat <<EOF
inside
EOF
)
echo "$x"
