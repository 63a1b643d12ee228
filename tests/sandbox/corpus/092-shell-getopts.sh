parse() { OPTIND=1; while getopts "ab:c" o; do case $o in a) echo A;; b) echo "B=$OPTARG";; c) echo C;; esac; done; shift $((OPTIND-1)); echo "rest: $*"; }
parse -a -b val -c file1 file2
