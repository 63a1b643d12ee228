sed "y/abc/XYZ/" lines.txt | head -3
