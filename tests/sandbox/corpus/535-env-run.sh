env X=hello sh -c "echo \$X"
