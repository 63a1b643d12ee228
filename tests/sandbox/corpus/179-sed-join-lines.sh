sed ":a;N;\$!ba;s/\n/,/g" lines.txt
