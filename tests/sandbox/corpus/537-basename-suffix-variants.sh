basename a/b/c.txt .txt
basename .txt .txt
basename a/b/
basename /
