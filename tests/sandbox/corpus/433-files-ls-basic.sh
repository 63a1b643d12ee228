ls
ls dir
