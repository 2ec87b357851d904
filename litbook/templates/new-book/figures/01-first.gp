# The figure of chapter 1: the squares the example computed.
set output fig("squares")
set key top left
set xlabel L_x
set ylabel L_square
plot datadir."/squares.dat" using "x":"square" with linespoints \
     title L_square
