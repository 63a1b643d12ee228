cat > gen.sh <<'EOF'
#!/bin/sh
for i in 1 2 3; do echo "gen $i"; done
EOF
chmod +x gen.sh
./gen.sh
sh gen.sh | wc -l
