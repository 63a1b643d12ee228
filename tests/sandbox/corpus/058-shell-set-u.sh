set -u
echo start
(echo $undefined_var) 2>/dev/null || echo caught
echo end
