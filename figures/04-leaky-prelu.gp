# Chapter 4: Leaky ReLU and PReLU.
# Given by the driver: datadir, lang, fig(name), L_<key> labels.
# Colours, dash and point types: the driver's palette (C_*, C<n>, D<n>,
# P<n>; @litbook_style colours text, border and key), light or dark.
@litbook_style
set datafile columnheaders

# The family on [-5, 5], and a close-up of the negative side.
set output fig("family")
set multiplot layout 1,2 title L_family_title textcolor rgb C_text
set grid lw 0.5 lc rgb C_grid
set xzeroaxis lt 1 lc rgb C_axis
set yzeroaxis lt 1 lc rgb C_axis
set key top left box opaque font ",10"
set xlabel L_x
set ylabel L_y
set xrange [-5:5]
set yrange [-1.5:5]
set title L_full
plot datadir."/family.dat" using "x":"prelu" with lines lw 2 \
        lc rgb C3 title L_prelu_key, \
     "" using "x":"leaky02" with lines lw 2 dt D2 \
        lc rgb C2 title L_leaky02_key, \
     "" using "x":"leaky001" with lines lw 2 dt D4 \
        lc rgb C4 title L_leaky001_key, \
     "" using "x":"relu" with lines lw 3 dt D3 \
        lc rgb C1 title L_relu_key
set title L_zoom
set xrange [-5:0.5]
set yrange [-0.08:0.02]
unset ylabel
set ytics 0.02
unset key
plot datadir."/family.dat" using "x":"prelu" with lines lw 2 \
        lc rgb C3 notitle, \
     "" using "x":"leaky02" with lines lw 2 dt D2 lc rgb C2 notitle, \
     "" using "x":"leaky001" with lines lw 2 dt D4 lc rgb C4 \
        notitle, \
     "" using "x":"relu" with lines lw 3 dt D3 lc rgb C1 notitle
unset multiplot

# PReLU learning its slope.
reset
@litbook_style
set datafile columnheaders
set output fig("alpha")
set title L_alpha_title
set xlabel L_step
set ylabel L_alpha
set grid lw 0.5 lc rgb C_grid
set key top right box opaque
set xrange [0:*]
plot datadir."/alpha.dat" using "step":"alpha" with linespoints lw 2 \
        pt P1 ps 0.5 lc rgb C3 title L_alpha_key, \
     "" using "step":"best" with lines lw 2 dt D2 lc rgb C7 \
        title L_best_key
