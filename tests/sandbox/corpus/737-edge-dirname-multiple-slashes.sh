dirname a//b//; basename a//b//
