mkdir -p project/src/lib project/test project/docs
touch project/src/main.c project/src/lib/util.c project/test/t1.c project/docs/README
find project -type f | sort
find project -name "*.c" | wc -l
rm -r project/docs
find project -maxdepth 1 | sort
