# Chapter 3: a Linear(3, 4) layer with ReLU or sigmoid.
# Given by the driver: datadir, lang, fig(name), L_<key> labels.
# Colours, dash and point types: the driver's palette (C_*, C<n>, D<n>,
# P<n>; @litbook_style colours text, border and key), light or dark.
@litbook_style
set datafile columnheaders

# The article's batch: 5 samples x 4 units, one cell per output.
# Cell labels: an exact zero is written "0", anything else with 2 decimals.
cell(v) = v == 0 ? "0" : sprintf("%.2f", v)
set output fig("cells")
set multiplot layout 1,2 title L_cells_title textcolor rgb C_text
set palette defined (0 H0, 1 H1, 2 H2)
set cbrange [0:1.3]
set xrange [0.5:4.5]
set yrange [5.5:0.5]
set xtics 1 scale 0
set ytics 1 scale 0
set xlabel L_unit
set ylabel L_sample
set size ratio 1.25
unset key
unset colorbox
set title L_relu_panel
plot datadir."/cells.dat" using "unit":"sample":"relu" with image pixels, \
     "" using "unit":"sample":(cell(column("relu"))) \
        with labels font ",11" tc rgb C_text
set colorbox
set cbtics 0.25
set title L_sigmoid_panel
unset ylabel
plot datadir."/cells.dat" using "unit":"sample":"sigmoid" with image pixels, \
     "" using "unit":"sample":(cell(column("sigmoid"))) \
        with labels font ",11" tc rgb C_text
unset multiplot

# The large batch: how the 40000 outputs are spread.
reset
@litbook_style
set datafile columnheaders
set output fig("hist")
set title L_hist_title
set xlabel L_output
set ylabel L_fraction
set grid ytics lw 0.5 lc rgb C_grid
set key top right box opaque
set xrange [-0.1:2.6]
set yrange [0:*]
set style fill solid 0.45 border
plot datadir."/hist.dat" using "center":"sigmoid" with boxes \
        lc rgb C2 title L_sigmoid_key, \
     datadir."/hist.dat" using "center":"relu" with boxes \
        lc rgb C1 title L_relu_pos_key, \
     datadir."/zeros.dat" using "x":"fraction" with impulses \
        lw 8 lc rgb R5 title L_relu_zero_key
