sort dup.txt | uniq > a.txt; printf "b\nc\ne\n" > b.txt; grep -vxFf b.txt a.txt
