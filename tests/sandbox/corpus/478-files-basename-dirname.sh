basename /usr/local/bin/tool
basename file.tar.gz .gz
dirname /usr/local/bin/tool
dirname file
basename /usr/
dirname /
