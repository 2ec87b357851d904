# Chapter 1: ReLU on [-5, 5].
# Given by the driver: datadir, lang, fig(name), L_<key> labels.
# Colours, dash and point types: the driver's palette (C_*, C<n>, D<n>,
# P<n>; @litbook_style colours text, border and key), light or dark.
@litbook_style
set datafile columnheaders
set grid lw 0.5 lc rgb C_grid
set key top left box opaque
set border lw 1
set xzeroaxis lt 1 lc rgb C_axis
set yzeroaxis lt 1 lc rgb C_axis

set output fig("relu")
set title L_relu_title
set xlabel L_x
set ylabel L_y
set xrange [-5:5]
set yrange [-0.5:5.5]
plot datadir."/relu.dat" using "x":"relu" with lines lw 3 \
     lc rgb C1 title L_relu_key
