mv dir newdir
find newdir | sort
