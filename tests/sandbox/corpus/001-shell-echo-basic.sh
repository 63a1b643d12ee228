echo hello world
echo -n no newline; echo
echo "quoted   spaces"
echo 'single $HOME'
