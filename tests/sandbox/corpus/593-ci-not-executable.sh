printf 'echo hi\n' > noexec.sh
./noexec.sh; echo status=$?
