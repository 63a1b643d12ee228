while read l || [ -n "$l" ]; do echo "<$l>"; done < nonl.txt
