export MYVAR=exported
sh -c "echo \$MYVAR"
LOCAL=only sh -c "echo \$LOCAL"
echo "[$LOCAL]"
