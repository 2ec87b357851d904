# Chapter 6: activation shapes, activation spread per initialisation,
# training from three initialisations, dead ReLU units with and without
# BatchNorm (at initialisation and in training).
# Given by the driver: datadir, lang, fig(name), L_<key> labels.
# Colours, dash and point types: the driver's palette (C_*, C<n>, D<n>,
# P<n>; @litbook_style colours text, border and key), light or dark.
@litbook_style
set datafile columnheaders
set grid lw 0.5 lc rgb C_grid
set border lw 1

set output fig("shapes")
set title L_shapes_title
set xlabel L_x
set ylabel L_y
set xrange [-4:4]
set yrange [-1.2:4.2]
set xzeroaxis lt 1 lc rgb C_axis
set yzeroaxis lt 1 lc rgb C_axis
set key top left box opaque
plot datadir."/shapes.dat" using "x":"relu" with lines lw 3 \
       lc rgb C1 title "ReLU", \
     "" using "x":"gelu" with lines lw 2.5 dt D2 \
       lc rgb C4 title "GELU", \
     "" using "x":"silu" with lines lw 2.5 dt D4 \
       lc rgb C3 title "SiLU", \
     "" using "x":"tanh" with lines lw 2 dt D5 \
       lc rgb C5 title "tanh", \
     "" using "x":"sigmoid" with lines lw 2 dt D3 \
       lc rgb C2 title "sigmoid"

reset
@litbook_style
set datafile columnheaders
set grid lw 0.5 lc rgb C_grid
set border lw 1
set output fig("init")
set title L_init_title
set xlabel L_layer
set ylabel L_std
set logscale y
set format y "10^{%L}"
set xrange [1:30]
set yrange [1e-6:1e34]
set ytics 1e-5, 1e10
set key top left box opaque
plot datadir."/init.dat" using "layer":"normal" with linespoints lw 2 \
       pt P1 ps 0.5 lc rgb C4 title L_init_normal, \
     "" using "layer":"xavier" with linespoints lw 2 pt P2 ps 0.5 \
       lc rgb C2 title L_init_xavier, \
     "" using "layer":"he" with linespoints lw 2 pt P3 ps 0.6 \
       lc rgb C1 title L_init_he

reset
@litbook_style
set datafile columnheaders
set grid lw 0.5 lc rgb C_grid
set border lw 1
set output fig("train")
set title L_train_title
set xlabel L_step
set ylabel L_loss
set logscale y
set format y "10^{%L}"
set yrange [1e-3:1e10]
set ytics 1e-2, 100
set key top right box opaque
plot datadir."/train-normal.dat" using "step":"loss" with linespoints \
       lw 2 pt P1 ps 0.8 lc rgb C4 title L_init_normal, \
     datadir."/train-xavier.dat" using "step":"loss" with lines lw 2 \
       dt D2 lc rgb C2 title L_init_xavier, \
     datadir."/train-he.dat" using "step":"loss" with lines lw 2.5 \
       lc rgb C1 title L_init_he

reset
@litbook_style
set datafile columnheaders
set grid lw 0.5 lc rgb C_grid
set border lw 1
set output fig("dead")
set title L_dead_title
set xlabel L_layer
set ylabel L_dead
set xrange [1:10]
set xtics 1
set yrange [-0.05:1.05]
set key at graph 0.98, graph 0.62 right box opaque
plot datadir."/dead.dat" using "layer":"b0" with linespoints lw 2 \
       pt P1 ps 0.6 lc rgb C6 title L_dead_b0, \
     "" using "layer":"bm05" with linespoints lw 2 pt P2 ps 0.6 \
       lc rgb C2 title L_dead_bm05, \
     "" using "layer":"bm1" with linespoints lw 2 pt P3 ps 0.7 \
       lc rgb C4 title L_dead_bm1, \
     "" using "layer":"bm2" with linespoints lw 2 pt P4 ps 0.7 \
       lc rgb C5 title L_dead_bm2, \
     "" using "layer":"bn_bm2" with linespoints lw 3 pt P5 ps 0.7 \
       lc rgb C1 title L_dead_bn

reset
@litbook_style
set datafile columnheaders
set grid lw 0.5 lc rgb C_grid
set border lw 1
set output fig("dead-train")
set title L_dead_train_title
set xlabel L_step
set ylabel L_dead_units
set yrange [-2:*]
set key center right box opaque
plot datadir."/dead-train-plain.dat" using "step":"dead" with lines lw 2.5 \
       lc rgb C4 title L_dead_train_plain, \
     datadir."/dead-train-bn.dat" using "step":"dead" with lines lw 2.5 \
       dt D2 lc rgb C1 title L_dead_train_bn
