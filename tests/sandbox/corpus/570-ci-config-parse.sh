section=""
while IFS= read -r line; do
  case "$line" in
    \#*|"") continue;;
    \[*\]) section=${line#[}; section=${section%]};;
    *=*) key=$(echo "${line%%=*}" | tr -d " "); val=$(echo "${line#*=}" | sed "s/^ *//"); echo "$section.$key=$val";;
  esac
done < config.ini
