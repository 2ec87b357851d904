# Chapter 8: throughput of each activation (this library and PyTorch)
# against a plain copy of the same buffers, in cache and in memory.
# Given by the driver: datadir, lang, fig(name), L_<key> labels.
# Colours, dash and point types: the driver's palette (C_*, C<n>, D<n>,
# P<n>; @litbook_style colours text, border and key), light or dark.
@litbook_style
set datafile columnheaders
set grid ytics lw 0.5 lc rgb C_grid
set border lw 1
set style fill solid 0.85 border lc rgb C_text
set boxwidth 0.38
set logscale y
set yrange [0.05:30]
set xrange [0.4:9.6]
set ylabel L_rate
set key top right box opaque
set xtics rotate by -30 nomirror (L_relu 1, L_relu_grad 2, \
    L_leaky 3, L_prelu 4, L_sigmoid 5, L_tanh 6, L_softplus 7, L_silu 8, \
    L_gelu 9)

do for [which in "cache memory"] {
  set output fig("throughput-".which)  # first: what it reads is its data
  stats datadir."/".which.".dat" using "copy" nooutput
  unset arrow
  set arrow from graph 0, first STATS_max to graph 1, first STATS_max \
      nohead dt D2 lw 2 lc rgb C_muted
  set title (which eq "cache" ? L_title_cache : L_title_memory)
  plot datadir."/".which.".dat" \
         using (column("i") - 0.2):"ours" with boxes \
         lc rgb C1 title L_ours, \
       "" using (column("i") + 0.2):"torch" with boxes \
         fs pattern 5 border lc rgb C_text lc rgb C2 title L_torch, \
       NaN with lines dt D2 lw 2 lc rgb C_muted title L_copy
}
