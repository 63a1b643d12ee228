echo "version=1.2.3" > version.txt
v=$(sed -n 's/^version=//p' version.txt)
major=${v%%.*}; rest=${v#*.}; minor=${rest%%.*}; patch=${rest#*.}
patch=$((patch+1))
echo "version=$major.$minor.$patch" > version.txt
cat version.txt
