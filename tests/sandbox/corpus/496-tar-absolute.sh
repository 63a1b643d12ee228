tar cf a.tar "$PWD/lines.txt" 2>err.txt; cat err.txt; tar tf a.tar | sed "s|.*/work|W|"
