secret=$(printf "user:pass" | base64)
echo "Authorization: Basic $secret"
echo "$secret" | base64 -d; echo
