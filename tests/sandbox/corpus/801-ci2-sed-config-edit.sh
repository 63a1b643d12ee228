cat > app.conf <<'EOF'
port = 80
host = localhost
#debug = false
EOF
sed -i -e 's/^port = .*/port = 8080/' -e 's/^#debug = false/debug = true/' app.conf
cat app.conf
grep -c "=" app.conf
