# Chapter 2: ReLU and its slope; the slopes of ReLU and the sigmoid;
# the gradient norm per layer of a deep stack.
# Given by the driver: datadir, lang, fig(name), L_<key> labels.
# Colours, dash and point types: the driver's palette (C_*, C<n>, D<n>,
# P<n>; @litbook_style colours text, border and key), light or dark.
@litbook_style
set datafile columnheaders
set grid lw 0.5 lc rgb C_grid
set border lw 1
set xzeroaxis lt 1 lc rgb C_axis
set yzeroaxis lt 1 lc rgb C_axis

# ReLU and its slope side by side. The slope is drawn as two branches
# with a filled dot for the value chosen at 0 and an open dot for the
# value just to its right.
set output fig("relu-and-grad")
set multiplot layout 1,2
set key top left box opaque
set title L_relu_title
set xlabel L_x
set ylabel L_y_relu
set xrange [-5:5]
set yrange [-0.5:5.5]
plot datadir."/curve.dat" using "x":"relu" with lines lw 3 \
     lc rgb C1 title L_relu_key
set title L_grad_title
set ylabel L_y_grad
set yrange [-0.2:1.4]
set key right center box opaque
plot datadir."/slope-neg.dat" using "x":"relu_grad" with lines lw 3 \
       lc rgb C2 title L_grad_key, \
     datadir."/slope-pos.dat" using "x":"relu_grad" with lines lw 3 \
       lc rgb C2 notitle, \
     datadir."/at-zero.dat" using "x":"grad" with points pt P1 ps 1.2 \
       lc rgb C2 title L_at_zero_key, \
     datadir."/at-zero.dat" using "x":"right" with points pt P6 ps 1.2 \
       lc rgb C2 title L_right_key
unset multiplot

# The slopes of ReLU and the sigmoid on the same axes.
set output fig("slopes")
set key top left box opaque
set title L_slopes_title
set xlabel L_x
set ylabel L_y_slope
set xrange [-5:5]
set yrange [-0.1:1.2]
plot datadir."/slope-neg.dat" using "x":"relu_grad" with lines lw 3 \
       lc rgb C2 title L_grad_key, \
     datadir."/slope-pos.dat" using "x":"relu_grad" with lines lw 3 \
       lc rgb C2 notitle, \
     datadir."/slope-neg.dat" using "x":"sigmoid_grad" with lines lw 3 \
       dt D2 lc rgb C3 title L_sigmoid_grad_key, \
     datadir."/slope-pos.dat" using "x":"sigmoid_grad" with lines lw 3 \
       dt D2 lc rgb C3 notitle

# Gradient norm per layer, log scale.
set output fig("norms")
unset xzeroaxis
unset yzeroaxis
set key top right box opaque
set title L_norms_title
set xlabel L_layer
set ylabel L_norm
set logscale y
set format y "10^{%L}"
set xrange [*:*]
set autoscale xfix
set offsets 0.5, 0.5, 0, 0
set yrange [1e-22:1e10]  # room for the key above the curves
plot datadir."/norms.dat" using "layer":"sigmoid_xavier" \
       with linespoints lw 2 pt P1 ps 0.6 lc rgb C3 \
       title L_sig_xavier_key, \
     datadir."/norms.dat" using "layer":"relu_xavier" \
       with linespoints lw 2 pt P2 ps 0.6 dt D2 lc rgb C5 \
       title L_relu_xavier_key, \
     datadir."/norms.dat" using "layer":"relu_kaiming" \
       with linespoints lw 2 pt P3 ps 0.7 lc rgb C2 \
       title L_relu_kaiming_key
