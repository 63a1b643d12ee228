echo "outer $(echo "inner $(echo deepest)")"
