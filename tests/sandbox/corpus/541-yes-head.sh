yes | head -3
yes word | head -2
