echo hello | tr a-y b
