export ZZ=zz; env | grep "^ZZ="
