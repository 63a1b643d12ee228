tar cf a.tar dir; tar tvf a.tar | wc -l
