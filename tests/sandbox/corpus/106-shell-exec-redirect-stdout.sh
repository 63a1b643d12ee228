exec > captured.txt
echo into-file
exec >&2
cat captured.txt >&2
