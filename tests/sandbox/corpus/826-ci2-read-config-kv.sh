while IFS="=" read -r k v; do
  case "$k" in \#*|\[*|"") continue;; esac
  k=$(echo $k); v=$(echo $v)
  echo "[$k] => [$v]"
done < config.ini
