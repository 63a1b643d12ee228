echo "== levels =="
awk '{print $2}' log.txt | sort | uniq -c | sort -rn
echo "== errors by day =="
grep ERROR log.txt | cut -d" " -f1 | uniq -c
echo "== last error =="
grep ERROR log.txt | tail -1 | cut -d" " -f3-
