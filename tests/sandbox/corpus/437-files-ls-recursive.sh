ls -R dir
