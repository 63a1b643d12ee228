uniq dup.txt uniq_out.txt; cat uniq_out.txt
