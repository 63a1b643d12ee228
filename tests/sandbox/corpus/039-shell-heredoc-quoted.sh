cat <<'EOF'
no $expansion here
EOF
