# Chapter 7: training the dosage network. Given by the driver: datadir,
# lang, fig(name), L_<key> labels. The steps of the snapshots come from
# snapshots.dat, so no number of the example is typed here.
set datafile columnheaders
set grid lw 0.5 lc rgb "#d0d0d0"
set border lw 1
set key box opaque reverse Left samplen 3
points = datadir."/points.dat"
fit = datadir."/fit.dat"
green = "#2ca02c"
grey = "#7f7f7f"
red = "#d62728"

# The step of each snapshot (column s<k> of fit.dat).
array S[5]
do for [k = 1:5] {
  stats datadir."/snapshots.dat" every ::(k-1)::(k-1) using "step" nooutput
  S[k] = int(STATS_min)
}
array C[5] = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08306b"]

set output fig("fit")
set title L_fit_title
set xlabel L_x
set ylabel L_y
set xrange [0:1]
set xtics 0.1
set yrange [-0.1:1.45]
set key top right
plot for [k = 1:5] fit using "x":(column(sprintf("s%d", k-1))) \
       with lines lw (k == 5 ? 3 : 2) lc rgb C[k] \
       title sprintf(L_after, S[k]), \
     points using "x":"t" with points pt 7 ps 1.6 lc rgb "black" \
       title L_data

set output fig("compare")
set title L_cmp_title
set yrange [-0.1:1.2]
set key top right
set samples 1000
plot fit using "x":"s4" with lines lw 3 lc rgb "#08306b" \
       title L_learned, \
     fit using "x":"article" with lines lw 3 lc rgb green title L_article, \
     points using "x":"t" with points pt 7 ps 1.6 lc rgb "black" \
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
       lc rgb "#08306b" title L_k_main, \
     "" using "step":"stuck" with lines lw 3 lc rgb red title L_k_stuck, \
     "" using "step":"leaky" with lines lw 3 dt 2 lc rgb "#ff7f0e" \
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
     "" using "x":"leaky" with lines lw 3 dt 2 lc rgb "#ff7f0e" \
       title L_k_leaky, \
     points using "x":"t" with points pt 7 ps 1.6 lc rgb "black" \
       title L_data
