start=$(date -u -d "2024-01-01 00:00:00" +%s)
end=$(date -u -d "2024-03-01 00:00:00" +%s)
echo "days: $(( (end - start) / 86400 ))"
date -u -d @$((start + 86400 * 45)) +%F
