@litbook_style
set datafile columnheaders
set output fig("line")
set title L_title
set xlabel L_x
plot datadir."/line.dat" using "x":"y" with lines lc rgb C1 notitle
