cat > .env <<EOF
APP_NAME=demo
APP_PORT=8080
# comment
APP_DEBUG=true
EOF
grep -v "^#" .env | while IFS== read k v; do echo "export $k=\"$v\""; done
