NAME=world
sed -e "s/{{NAME}}/$NAME/g" -e "s/{{N}}/3/" > out.txt <<'EOF'
Hello {{NAME}}!
Count: {{N}}
EOF
cat out.txt
