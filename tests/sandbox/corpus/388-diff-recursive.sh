cp -r dir dir2; echo changed > dir2/a.txt; rm dir2/b.log
diff -r dir dir2 | grep -v "^[-+][-+][-+]"
