tar cf a.tar dir
tar tf a.tar | sort
