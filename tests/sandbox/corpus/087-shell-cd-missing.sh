cd nosuchdir 2>/dev/null || echo cannot-cd
