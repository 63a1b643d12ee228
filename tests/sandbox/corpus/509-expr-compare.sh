expr 3 \< 10; expr abc \< abd; expr 5 = 5; expr 5 != 5
