mkdir -m 700 private
stat -c "%a %n" private
