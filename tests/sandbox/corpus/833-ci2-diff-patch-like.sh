printf "a\nb\nc\n" > old; printf "a\nB\nc\nd\n" > new
diff -U 1 old new | tail -n +3
diff old new > /dev/null || echo "differs"
