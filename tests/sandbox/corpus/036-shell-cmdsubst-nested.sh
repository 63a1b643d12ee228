echo $(echo $(echo nested))
