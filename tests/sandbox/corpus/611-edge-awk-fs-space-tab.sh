printf ' a \t b  c \n' | awk '{print NF ":" $1 ":" $3}'
