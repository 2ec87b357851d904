// Chapter 5: the dosage network, one step at a time.
//
// A network with one input, a dosage x in [0, 1]: a ReLU node on top, a
// plain linear node below, a weighted sum of the two, a bias and a final
// ReLU. The example follows the seven steps of the walkthrough, samples
// every stage for the figures, finds the peak and the interval where the
// output is positive exactly from the parameters, and compares them with
// what a sampling grid sees.
#include <litbook/example.hpp>
#include <nn/relu.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// [params]
// The parameters of the walkthrough.
struct Params {
  double w1 = 1.70, b1 = -0.85;  // top node
  double w2 = 12.6, b2 = 0.00;   // bottom node
  double w3 = -40.8, w4 = 2.70;  // weights of the two paths
  double b3 = -16.0;             // bias added to the sum
};
// [/params]

// [forward]
// Every intermediate value of the network for one dosage x.
struct Stages {
  double z1, a1;   // step 1: top node w1*x + b1, then its ReLU
  double top;      // step 2: a1 scaled by w3
  double z2;       // step 3: bottom node w2*x + b2 (no ReLU)
  double bottom;   // step 4: z2 scaled by w4
  double sum;      // step 5: the two paths added
  double shifted;  // step 6: the sum plus b3
  double y;        // step 7: ReLU of that, the output
};

Stages forward(const Params& p, double x) {
  Stages s{};
  s.z1 = p.w1 * x + p.b1;
  s.a1 = nn::relu(s.z1);
  s.top = p.w3 * s.a1;
  s.z2 = p.w2 * x + p.b2;
  s.bottom = p.w4 * s.z2;
  s.sum = s.top + s.bottom;
  s.shifted = s.sum + p.b3;
  s.y = nn::relu(s.shifted);
  return s;
}
// [/forward]

// [grid]
// n evenly spaced points from 0 to 1, computed as numpy's
// np.linspace(0, 1, n) does: i * step with step = 1 / (n - 1).
std::vector<double> linspace01(int n) {
  std::vector<double> xs(n);
  const double step = 1.0 / (n - 1);
  for (int i = 0; i < n; ++i) xs[i] = i * step;
  return xs;
}
// [/grid]

// A printed or glued 0 must not read "-0.00" (w3 * 0 is -0.0).
double tidy(double v) { return v + 0.0; }

std::string f2(double v) { return fmt::format("{:.2f}", tidy(v)); }
std::string f4(double v) { return fmt::format("{:.4f}", tidy(v)); }

// "34.02 x - 16.00" rather than "34.02 x + -16.00".
std::string line_text(double slope, double icept) {
  return fmt::format("{} x {} {}", f2(slope), icept < 0 ? '-' : '+',
                     f2(std::fabs(icept)));
}

// [pieces]
// On each side of the top node's kink (where z1 = 0) the value before
// the last ReLU is a straight line, slope * x + icept.
struct Line {
  double slope, icept;
  double at(double x) const { return slope * x + icept; }
  double root() const { return -icept / slope; }
};

struct Pieces {
  double kink;  // the dosage where z1 = w1*x + b1 crosses 0
  Line left;    // x < kink: the top node is off (a1 = 0)
  Line right;   // x > kink: the top node passes z1 through
};

Pieces pieces(const Params& p) {
  if (!(p.w1 > 0)) throw std::runtime_error("expects w1 > 0");
  const double kink = -p.b1 / p.w1;
  const Line left{p.w4 * p.w2, p.w4 * p.b2 + p.b3};
  const Line right{left.slope + p.w3 * p.w1,
                   left.icept + p.w3 * p.b1};
  return {kink, left, right};
}
// [/pieces]

// What one sampling grid sees of the output.
struct GridView {
  int n = 0;
  bool has_kink = false;     // is the kink one of the grid points?
  double max_y = 0, max_x = 0;
  int positive = 0;          // points where the output is > 0
  double first = 0, last = 0;  // first and last such point
  int disagree = 0;  // points where "y > 0" and "lo < x < hi" differ
};

GridView view(const Params& p, const std::vector<double>& xs,
              double kink, double lo, double hi) {
  GridView g;
  g.n = static_cast<int>(xs.size());
  g.max_y = -1;
  for (double x : xs) {
    const double y = forward(p, x).y;
    if (x == kink) g.has_kink = true;
    if (y > g.max_y) g.max_y = y, g.max_x = x;
    if (y > 0) {
      if (g.positive++ == 0) g.first = x;
      g.last = x;
    }
    if ((y > 0) != (lo < x && x < hi)) ++g.disagree;
  }
  return g;
}

}  // namespace

int main(int argc, char** argv) {
  const auto opts = litbook::parse_args(
      argc, argv, "Chapter 5 of 'Understanding ReLU, Visually'.");
  const auto lang = opts.lang;
  auto tr = [lang](auto ko, auto en) { return litbook::tr(lang, ko, en); };
  litbook::Output out(opts);
  const Params p;

  // The parameters, printed as the walkthrough writes them.
  const std::string pw1 = fmt::format("{:.2f}", p.w1);
  const std::string pb1 = fmt::format("{:.2f}", p.b1);
  const std::string pw2 = fmt::format("{:.1f}", p.w2);
  const std::string pb2 = fmt::format("{:.2f}", p.b2);
  const std::string pw3 = fmt::format("{:.1f}", p.w3);
  const std::string pw4 = fmt::format("{:.2f}", p.w4);
  const std::string pb3 = fmt::format("{:.0f}", p.b3);
  fmt::print("{}\n", tr("매개변수", "Parameters"));
  fmt::print("  w1 = {}   b1 = {}\n", pw1, pb1);
  fmt::print("  w2 = {}   b2 = {}\n", pw2, pb2);
  fmt::print("  w3 = {}  w4 = {}   b3 = {}\n", pw3, pw4, pb3);
  out.value("w1", pw1);
  out.value("b1", pb1);
  out.value("w2", pw2);
  out.value("b2", pb2);
  out.value("w3", pw3);
  out.value("w4", pw4);
  out.value("b3", pb3);

  // [step1]
  const double doses[] = {0.0, 0.2, 0.6, 1.0};
  fmt::print("\n{}\n", tr("1단계: 위쪽 노드", "Step 1: the top node"));
  fmt::print("  {:>6}  {:>12}  {:>13}\n", "x", "z1 = w1*x+b1",
             "a1 = ReLU(z1)");
  for (double x : doses) {
    const Stages s = forward(p, x);
    fmt::print("  {:6.1f}  {:>12}  {:>13}\n", x, f2(s.z1), f2(s.a1));
  }
  // [/step1]
  for (int i = 0; i < 4; ++i) {
    const Stages s = forward(p, doses[i]);
    out.value(fmt::format("step1-x-{}", i + 1),
              fmt::format("{:.1f}", doses[i]));
    out.value(fmt::format("step1-z-{}", i + 1), f2(s.z1));
    out.value(fmt::format("step1-a-{}", i + 1), f2(s.a1));
  }

  // All seven stages at a few dosages.
  fmt::print("\n{}\n", tr("단계별 값", "Every stage"));
  fmt::print("  {:>4} {:>6} {:>7} {:>6} {:>6} {:>7} {:>7} {:>5}\n", "x",
             "a1", "w3*a1", "z2", "w4*z2", "sum", "sum+b3", "y");
  for (double x : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    const Stages s = forward(p, x);
    fmt::print("  {:4.2f} {:>6} {:>7} {:>6} {:>6} {:>7} {:>7} {:>5}\n", x,
               f2(s.a1), f2(s.top), f2(s.z2), f2(s.bottom), f2(s.sum),
               f2(s.shifted), f2(s.y));
  }
  const Stages at0 = forward(p, 0.0);
  const Stages at1 = forward(p, 1.0);
  out.value("a1-at-1", f2(at1.a1));
  out.value("top-at-1", f2(at1.top));
  out.value("z2-at-1", f2(at1.z2));
  out.value("bottom-at-1", f2(at1.bottom));
  out.value("sum-at-1", f2(at1.sum));
  out.value("shifted-at-0", f2(at0.shifted));
  out.value("shifted-at-1", f2(at1.shifted));

  // The bottom node has no ReLU; on [0, 1] one would change nothing.
  const auto xs = linspace01(201);
  int changed = 0;
  double z2_min = forward(p, xs[0]).z2;
  for (double x : xs) {
    const double z2 = forward(p, x).z2;
    if (nn::relu(z2) != z2) ++changed;
    z2_min = std::min(z2_min, z2);
  }
  fmt::print("\n{}: {}{} ({}: {})\n",
             tr("아래쪽 노드에 ReLU를 씌우면 바뀌는 격자점",
                "Grid points a ReLU on the bottom node would change"),
             changed, tr("개", ""), tr("z2의 최솟값", "smallest z2"),
             f2(z2_min));
  out.value("bottom-relu-changed", fmt::format("{}", changed));
  out.value("z2-min", f2(z2_min));

  // [peak]
  const Pieces pc = pieces(p);
  if (!(pc.left.slope > 0 && pc.right.slope < 0)) {
    throw std::runtime_error("the output does not peak at the kink");
  }
  const double peak = pc.left.at(pc.kink);  // both lines meet here
  const double lo = pc.left.root();         // where the output rises
  const double hi = pc.right.root();        // ... and falls back to 0
  if (!(0 < lo && lo < pc.kink && pc.kink < hi && hi < 1)) {
    throw std::runtime_error("the roots are not on both sides");
  }
  // [/peak]

  fmt::print("\n{}\n", tr("꺾이는 점과 꼭대기", "The kink and the peak"));
  fmt::print("  {}: x = {:g}\n", tr("꺾이는 점 (z1 = 0)", "kink (z1 = 0)"),
             pc.kink);
  fmt::print("  {}: {}\n", tr("왼쪽 직선", "left line"),
             line_text(pc.left.slope, pc.left.icept));
  fmt::print("  {}: {}\n", tr("오른쪽 직선", "right line"),
             line_text(pc.right.slope, pc.right.icept));
  fmt::print("  {}: {}   ({}: {})\n", tr("꼭대기 값", "peak value"),
             f4(peak), tr("forward(꺾이는 점)", "forward(kink)"),
             f4(forward(p, pc.kink).y));
  fmt::print("  {}: ({}, {}), {} {}\n",
             tr("출력이 양수인 구간", "output positive on"), f4(lo),
             f4(hi), tr("폭", "width"), f4(hi - lo));
  out.value("kink", fmt::format("{:g}", pc.kink));
  out.value("left-slope", f2(pc.left.slope));
  out.value("left-icept", f2(pc.left.icept));
  out.value("right-slope", f2(pc.right.slope));
  out.value("right-icept", f2(pc.right.icept));
  out.value("sum-at-kink", f2(forward(p, pc.kink).sum));
  out.value("peak", f2(peak));
  out.value("pos-lo", f4(lo));
  out.value("pos-hi", f4(hi));
  out.value("pos-width", f4(hi - lo));

  // [grids]
  const GridView art = view(p, linspace01(100), pc.kink, lo, hi);
  const GridView own = view(p, xs, pc.kink, lo, hi);
  // [/grids]
  for (const GridView* g : {&art, &own}) {
    fmt::print("\n{}\n",
               lang == litbook::Lang::ko
                   ? fmt::format("점 {}개의 격자", g->n)
                   : fmt::format("The grid of {} points", g->n));
    fmt::print("  {}: {}\n",
               tr("꺾이는 점이 격자에 있는가", "kink on the grid"),
               g->has_kink ? tr("예", "yes") : tr("아니요", "no"));
    fmt::print("  {}: {} (x = {})\n", tr("최댓값", "maximum"),
               f4(g->max_y), f4(g->max_x));
    fmt::print("  {}: {}{}, x = {} .. {}\n",
               tr("출력이 양수인 점", "points with positive output"),
               g->positive, tr("개", ""), f4(g->first), f4(g->last));
    fmt::print("  {}: {}{}\n",
               tr("구간과 어긋나는 점", "points disagreeing with the "
                                        "interval"),
               g->disagree, tr("개", ""));
  }
  const double art_step = 1.0 / 99;
  const int below = static_cast<int>(pc.kink / art_step);
  const Stages nb_lo = forward(p, below * art_step);
  const Stages nb_hi = forward(p, (below + 1) * art_step);
  fmt::print("\n{}\n", tr("점 100개의 격자에서 꺾이는 점 양옆",
                          "The 100-point grid around the kink"));
  fmt::print("  x = {}  y = {}\n", f4(below * art_step), f4(nb_lo.y));
  fmt::print("  x = {}  y = {}\n", f4((below + 1) * art_step),
             f4(nb_hi.y));
  fmt::print("  {}: {} ({:.0f}%)\n",
             tr("정확한 꼭대기보다 모자란 값", "short of the true peak by"),
             f4(peak - art.max_y), 100 * (peak - art.max_y) / peak);

  for (const auto& [name, g] :
       {std::pair{"art", &art}, std::pair{"own", &own}}) {
    const std::string k = name;
    out.value(k + "-n", fmt::format("{}", g->n));
    out.value(k + "-max", f4(g->max_y));
    out.value(k + "-max-x", f4(g->max_x));
    out.value(k + "-pos-n", fmt::format("{}", g->positive));
    out.value(k + "-pos-first", f4(g->first));
    out.value(k + "-pos-last", f4(g->last));
    out.value(k + "-disagree", fmt::format("{}", g->disagree));
  }
  out.value("art-step", f4(art_step));
  out.value("own-step", fmt::format("{:g}", xs[1] - xs[0]));
  out.value("art-left-x", f4(below * art_step));
  out.value("art-left-y", f4(nb_lo.y));
  out.value("art-right-x", f4((below + 1) * art_step));
  out.value("art-right-y", f4(nb_hi.y));
  out.value("art-short", f4(peak - art.max_y));
  out.value("art-short-pct",
            fmt::format("{:.0f}", 100 * (peak - art.max_y) / peak));

  // Figure data: every stage on the 201-point grid, the output on the
  // article's grid, and the exact corners of the output.
  litbook::Table stages({"x", "z1", "a1", "top", "z2", "bottom", "sum",
                         "shifted", "y"});
  for (double x : xs) {
    const Stages s = forward(p, x);
    stages.row({x, s.z1, s.a1, s.top, s.z2, s.bottom, s.sum, s.shifted,
                s.y});
  }
  out.data("stages", stages);
  litbook::Table artgrid({"x", "y"});
  for (double x : linspace01(100)) artgrid.row({x, forward(p, x).y});
  out.data("article-grid", artgrid);
  litbook::Table exact({"x", "y"});
  exact.row({0.0, forward(p, 0.0).y});
  exact.row({lo, 0.0});  // the roots, without rounding noise
  exact.row({pc.kink, peak});
  exact.row({hi, 0.0});
  exact.row({1.0, forward(p, 1.0).y});
  out.data("exact", exact);
  litbook::Table top({"x", "y"});
  top.row({pc.kink, peak});
  out.data("peak", top);
  return out.finish();
}
