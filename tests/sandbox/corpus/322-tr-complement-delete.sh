echo "phone: 555-1234!" | tr -cd "0-9\n"
