date -d @1700000000 "+%a %b %e %j %u %w %y %C %D %T %R %p %I"
