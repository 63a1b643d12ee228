command -v ls >/dev/null && echo has-ls
command -v nosuchcmd || echo no-such
