expr length "hello world"
expr substr "hello" 2 3
expr index "hello" "lo"
