echo dir/*
echo *.txt
