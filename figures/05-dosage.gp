# Chapter 5: the dosage network, one figure per step, and a close-up of
# the peak. Given by the driver: datadir, lang, fig(name), L_<key> labels.
# Colours: blue for the top path, orange for the bottom path, green for
# the sum and everything after it; faint dashed lines show the previous
# step.
# Colours, dash and point types: the driver's palette (C_*, C<n>, D<n>,
# P<n>; @litbook_style colours text, border and key), light or dark.
@litbook_style
set datafile columnheaders
set grid lw 0.5 lc rgb C_grid
set border lw 1
set xzeroaxis lt 1 lc rgb C_axis
set key box opaque reverse Left samplen 3
set xrange [0:1]
set xtics 0.1
set xlabel L_x
stages = datadir."/stages.dat"
blue = C1
orange = C2
green = C3

set output fig("step1")
set title L_t1
set ylabel L_y_act
set yrange [-1:1]
set key top left
plot stages using "x":"z1" with lines lw 1.5 dt D2 lc rgb C1f \
       title L_k_z1, \
     stages using "x":"a1" with lines lw 3 lc rgb blue title L_k_a1

set output fig("step2")
set title L_t2
set ylabel L_y_val
set yrange [-40:5]
set key bottom left
plot stages using "x":"top" with lines lw 3 lc rgb blue title L_k_top

set output fig("step3")
set title L_t3
set yrange [-1:14]
set key top left
plot stages using "x":"z2" with lines lw 3 lc rgb orange title L_k_z2

set output fig("step4")
set title L_t4
set yrange [-2:36]
set key top left
plot stages using "x":"z2" with lines lw 1.5 dt D2 lc rgb C2f \
       title L_k_z2, \
     stages using "x":"bottom" with lines lw 3 lc rgb orange \
       title L_k_bottom

set output fig("step5")
set title L_t5
set yrange [-40:40]
set key bottom left
plot stages using "x":"top" with lines lw 1.5 dt D2 lc rgb blue \
       title L_k_top, \
     stages using "x":"bottom" with lines lw 1.5 dt D4 lc rgb orange \
       title L_k_bottom, \
     stages using "x":"sum" with lines lw 3 lc rgb green title L_k_sum

set output fig("step6")
set title L_t6
set yrange [-20:20]
set key top left
plot stages using "x":"sum" with lines lw 1.5 dt D2 lc rgb C3f \
       title L_k_sum, \
     stages using "x":"shifted" with lines lw 3 lc rgb green \
       title L_k_shifted

set output fig("step7")
set title L_t7
set ylabel L_y_out
set yrange [-0.5:1.5]
set key top left
plot stages using "x":"shifted" with lines lw 1.5 dt D2 lc rgb C3f \
       title L_k_shifted, \
     stages using "x":"y" with lines lw 3 lc rgb green title L_k_y

set output fig("peak")
set title L_t8
set xrange [0.44:0.56]
set xtics 0.02
set yrange [-0.1:1.7]
set ytics 0.2
set key top left
plot datadir."/exact.dat" using "x":"y" with lines lw 2 lc rgb green \
       title L_k_exact, \
     datadir."/article-grid.dat" using "x":"y" with points pt P6 ps 1.4 \
       lw 1.5 lc rgb C4 title L_k_art, \
     stages using "x":"y" with points pt P1 ps 0.6 lc rgb C_fg \
       title L_k_own, \
     datadir."/peak.dat" using "x":"y" with points pt P7 ps 2.5 lw 2 \
       lc rgb C5 title L_k_peak
