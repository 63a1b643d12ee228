for c in a Z 5 _; do case $c in [a-z]) echo lower;; [A-Z]) echo upper;; [0-9]) echo digit;; *) echo other;; esac; done
