date -u -d @43200 "+%I %p %l" ; date -u -d @0 "+%I %p"
