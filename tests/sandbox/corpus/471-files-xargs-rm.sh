ls dir/*.txt dir/*.log | xargs rm
ls dir
