touch -d "2020-01-01" a1; touch -d "2021-01-01" a2; touch -d "2019-01-01" a3
ls -t a1 a2 a3 | head -1
