touch .h; echo *; echo .h*
