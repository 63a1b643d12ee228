: ${BUILD_TYPE:=release}
: ${JOBS:=2}
echo "building $BUILD_TYPE with $JOBS jobs"
BUILD_TYPE=debug sh -c ': ${BUILD_TYPE:=release}; echo $BUILD_TYPE' 
