v=set; echo ${v:+alt} "[${w:+alt}]"
