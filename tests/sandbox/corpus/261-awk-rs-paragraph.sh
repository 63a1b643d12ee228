printf 'a\nb\n\nc\nd\n' | awk 'BEGIN { RS = "" } { print NR ": " $1 }'
