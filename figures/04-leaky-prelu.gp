# Chapter 4: Leaky ReLU and PReLU.
# Given by the driver: datadir, lang, fig(name), L_<key> labels.
set datafile columnheaders

# The family on [-5, 5], and a close-up of the negative side.
set output fig("family")
set multiplot layout 1,2 title L_family_title
set grid lw 0.5 lc rgb "#d0d0d0"
set xzeroaxis lt 1 lc rgb "#808080"
set yzeroaxis lt 1 lc rgb "#808080"
set key top left box opaque font ",10"
set xlabel L_x
set ylabel L_y
set xrange [-5:5]
set yrange [-1.5:5]
set title L_full
plot datadir."/family.dat" using "x":"prelu" with lines lw 2 \
        lc rgb "#2ca02c" title L_prelu_key, \
     "" using "x":"leaky02" with lines lw 2 dt 2 \
        lc rgb "#ff7f0e" title L_leaky02_key, \
     "" using "x":"leaky001" with lines lw 2 \
        lc rgb "#d62728" title L_leaky001_key, \
     "" using "x":"relu" with lines lw 3 dt 3 \
        lc rgb "#1f77b4" title L_relu_key
set title L_zoom
set xrange [-5:0.5]
set yrange [-0.08:0.02]
unset ylabel
set ytics 0.02
unset key
plot datadir."/family.dat" using "x":"prelu" with lines lw 2 \
        lc rgb "#2ca02c" notitle, \
     "" using "x":"leaky02" with lines lw 2 dt 2 lc rgb "#ff7f0e" notitle, \
     "" using "x":"leaky001" with lines lw 2 lc rgb "#d62728" notitle, \
     "" using "x":"relu" with lines lw 3 dt 3 lc rgb "#1f77b4" notitle
unset multiplot

# PReLU learning its slope.
reset
set datafile columnheaders
set output fig("alpha")
set title L_alpha_title
set xlabel L_step
set ylabel L_alpha
set grid lw 0.5 lc rgb "#d0d0d0"
set key top right box opaque
set xrange [0:*]
plot datadir."/alpha.dat" using "step":"alpha" with linespoints lw 2 \
        pt 7 ps 0.5 lc rgb "#2ca02c" title L_alpha_key, \
     "" using "step":"best" with lines lw 2 dt 2 lc rgb "#555555" \
        title L_best_key
