sha256sum data.csv > s.sha; sha256sum -c s.sha
