cp config.ini new.ini
sed -i "s/key=value/key=changed/" new.ini
if diff -q config.ini new.ini >/dev/null; then echo unchanged; else echo changed; fi
diff config.ini new.ini | grep "^[-+][^-+]"
