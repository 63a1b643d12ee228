cat > CHANGES <<'EOF'
fix: handle empty input
feat: add export
fix: typo
chore: bump deps
feat: new flag
EOF
for kind in feat fix chore; do
  count=$(grep -c "^$kind:" CHANGES)
  echo "$kind: $count"
done
grep "^feat:" CHANGES | sed "s/^feat: /- /"
