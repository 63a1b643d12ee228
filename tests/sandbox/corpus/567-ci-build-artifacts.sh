set -e
mkdir -p build/bin build/obj
for src in lines nums words; do
  tr a-z A-Z < $src.txt > build/obj/$src.o
done
cat build/obj/*.o > build/bin/app
wc -l build/bin/app
ls build/obj | sort
echo "build ok"
