echo -n "" | xargs echo nothing
echo -n "" | xargs -r echo nothing; echo $?
