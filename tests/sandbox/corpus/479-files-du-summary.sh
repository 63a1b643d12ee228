du -s dir | cut -f2
du dir | cut -f2 | sort
