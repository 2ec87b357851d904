# Chapter 7: training the dosage network. Given by the driver: datadir,
# lang, fig(name), L_<key> labels. The steps of the snapshots come from
# snapshots.dat, so no number of the example is typed here.
# Colours, dash and point types: the driver's palette (C_*, C<n>, D<n>,
# P<n>; @litbook_style colours text, border and key), light or dark.
@litbook_style
set datafile columnheaders
set grid lw 0.5 lc rgb C_grid
set border lw 1
set key box opaque reverse Left samplen 3
points = datadir."/points.dat"
fit = datadir."/fit.dat"
green = C3
grey = C6
red = C4

# The step of each snapshot (column s<k> of fit.dat).
array S[5]
do for [k = 1:5] {
  stats datadir."/snapshots.dat" every ::(k-1)::(k-1) using "step" nooutput
  S[k] = int(STATS_min)
}
array C[5] = [R1, R2, R3, R4, R5]
snapshot_dt(k) = k == 5 ? D1 : k + 1  # the last solid, the others dashed

set output fig("fit")
set title L_fit_title
set xlabel L_x
set ylabel L_y
set xrange [0:1]
set xtics 0.1
set yrange [-0.1:1.45]
set key top right
plot for [k = 1:5] fit using "x":(column(sprintf("s%d", k-1))) \
       with lines lw (k == 5 ? 3 : 2) dt snapshot_dt(k) \
       lc rgb C[k] \
       title sprintf(L_after, S[k]), \
     points using "x":"t" with points pt P1 ps 1.6 lc rgb C_fg \
       title L_data

set output fig("compare")
set title L_cmp_title
set yrange [-0.1:1.2]
set key top right
set samples 1000
plot fit using "x":"s4" with lines lw 3 lc rgb R5 \
       title L_learned, \
     fit using "x":"article" with lines lw 3 dt D2 lc rgb green \
       title L_article, \
     points using "x":"t" with points pt P1 ps 1.6 lc rgb C_fg \
       title L_data

set output fig("loss")
set title L_loss_title
set xlabel L_step
set ylabel L_loss
set xrange [0:*]
set xtics auto
set yrange [*:*]
set logscale y
set format y "10^{%L}"
set key bottom left
plot datadir."/loss.dat" using "step":"main" with lines lw 3 \
       lc rgb R5 title L_k_main, \
     "" using "step":"stuck" with lines lw 3 dt D4 lc rgb red \
       title L_k_stuck, \
     "" using "step":"leaky" with lines lw 3 dt D2 lc rgb C2 \
       title L_k_leaky
unset logscale y
set format y "% h"

set output fig("dead")
set title L_dead_title
set xlabel L_x
set ylabel L_y
set xrange [0:1]
set xtics 0.1
set yrange [-0.1:1.45]
set key top right
plot datadir."/dead.dat" using "x":"stuck" with lines lw 3 lc rgb red \
       title L_k_stuck, \
     "" using "x":"leaky" with lines lw 3 dt D2 lc rgb C2 \
       title L_k_leaky, \
     points using "x":"t" with points pt P1 ps 1.6 lc rgb C_fg \
       title L_data
