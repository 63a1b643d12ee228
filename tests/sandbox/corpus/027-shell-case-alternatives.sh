x=yes
case $x in y|yes|Y) echo affirmative;; n|no) echo negative;; esac
