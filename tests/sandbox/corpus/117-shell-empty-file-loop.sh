while read l; do echo never; done < empty.txt; echo after
