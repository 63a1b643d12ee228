mkdir dst; cp -r dir dst; find dst | sort
