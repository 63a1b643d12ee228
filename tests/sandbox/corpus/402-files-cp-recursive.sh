cp -r dir dircopy
find dircopy | sort
