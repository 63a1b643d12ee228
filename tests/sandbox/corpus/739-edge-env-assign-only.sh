env A=b | grep "^A="
