# Chapter 1: ReLU on [-5, 5].
# Given by the driver: datadir, lang, fig(name), L_<key> labels.
set datafile columnheaders
set grid lw 0.5 lc rgb "#d0d0d0"
set key top left box opaque
set border lw 1
set xzeroaxis lt 1 lc rgb "#808080"
set yzeroaxis lt 1 lc rgb "#808080"

set output fig("relu")
set title L_relu_title
set xlabel L_x
set ylabel L_y
set xrange [-5:5]
set yrange [-0.5:5.5]
plot datadir."/relu.dat" using "x":"relu" with lines lw 3 \
     lc rgb "#1f77b4" title L_relu_key
