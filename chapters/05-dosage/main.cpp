// 5장: 투여량 신경망을 한 단계씩.
//
// 입력은 투여량 x 하나(0부터 1까지)입니다. 위에는 ReLU 유닛, 아래에는
// ReLU가 없는 선형 유닛이 있고, 두 값의 가중합에 편향을 더한 뒤 마지막
// ReLU를 적용합니다. 예제는 본문의 일곱 단계를 따라가며 단계마다 값을
// 출력하고, 출력의 꼭대기와 출력이 양수인 구간을 매개변수로부터 정확히
// 계산한 뒤, 표본 격자가 보는 것과 비교합니다.
#include <litbook/example.hpp>
#include <nn/relu.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

// [params]
// 기본값은 원문의 매개변수입니다. --w3 -20처럼 바꿔 실행할 수 있습니다.
std::vector<litbook::Param> parameters() {
  using litbook::msg, litbook::number;
  return {
      number("w1", 1.70, -50, 50, 0.01, msg("위쪽 유닛의 가중치")),
      number("b1", -0.85, -50, 50, 0.01, msg("위쪽 유닛의 편향")),
      number("w2", 12.6, -50, 50, 0.01, msg("아래쪽 유닛의 가중치")),
      number("b2", 0.00, -50, 50, 0.01, msg("아래쪽 유닛의 편향")),
      number("w3", -40.8, -50, 50, 0.01, msg("위쪽 경로에 곱하는 가중치")),
      number("w4", 2.70, -50, 50, 0.01, msg("아래쪽 경로에 곱하는 가중치")),
      number("b3", -16.0, -50, 50, 0.01, msg("두 경로의 합에 더하는 편향")),
      litbook::integer("points", 201, 2, 5001,
                       msg("이 장의 격자에 있는 점의 개수")),
  };
}

// 신경망의 매개변수를 구조체 하나에 모아 둡니다.
struct Params {
  double w1, b1;  // 위쪽 유닛
  double w2, b2;  // 아래쪽 유닛
  double w3, w4;  // 두 경로의 가중치
  double b3;  // 두 경로의 합에 더하는 편향
};
// [/params]

Params read_params(const litbook::Example& ex) {
  return {ex.number("w1"), ex.number("b1"), ex.number("w2"),
          ex.number("b2"), ex.number("w3"), ex.number("w4"),
          ex.number("b3")};
}

// 매개변수를 출력하고, 본문의 표가 원문의 표기로 인용하게 합니다.
void print_parameters(litbook::Example& ex, const Params& p) {
  ex.println("매개변수");
  using Align = litbook::TextTable::Align;
  litbook::TextTable t({{"", Align::left}, {""}, {"", Align::left}});
  for (const litbook::Param& q : parameters()) {
    t.row({q.name, fmt::format("{:g}", ex.number(q.name)),
           std::string(ex.tr(q.label))});
  }
  fmt::print("{}", t.text());
  ex.value("w1", "{:.2f}", p.w1);
  ex.value("b1", "{:.2f}", p.b1);
  ex.value("w2", "{:.1f}", p.w2);
  ex.value("b2", "{:.2f}", p.b2);
  ex.value("w3", "{:.1f}", p.w3);
  ex.value("w4", "{:.2f}", p.w4);
  ex.value("b3", "{:.0f}", p.b3);
}

// [forward]
// 투여량 x 하나에서 신경망의 중간값을 모두 계산합니다.
struct Stages {
  double z1, a1;  // 1단계: 위쪽 유닛 w1*x + b1과 그 ReLU
  double top;  // 2단계: a1에 w3을 곱한 값
  double z2;  // 3단계: 아래쪽 유닛 w2*x + b2 (ReLU 없음)
  double bottom;  // 4단계: z2에 w4를 곱한 값
  double sum;  // 5단계: 두 경로의 합
  double shifted;  // 6단계: 합에 b3을 더한 값
  double y;  // 7단계: 그 ReLU, 곧 출력
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

// [step1]
// 1단계: 원문이 든 네 투여량에서 위쪽 유닛과 그 ReLU
void step1_top_node(litbook::Example& ex, const Params& p) {
  const double doses[] = {0.0, 0.2, 0.6, 1.0};
  ex.println("\n1단계: 위쪽 유닛");
  litbook::TextTable t({{"x"}, {"z1 = w1*x+b1"}, {"a1 = ReLU(z1)"}});
  for (int i = 0; i < 4; ++i) {
    const Stages s = forward(p, doses[i]);
    t.row({fmt::format("{:.1f}", doses[i]),
           litbook::format("{:.2f}", s.z1), litbook::format("{:.2f}", s.a1)});
    ex.value(fmt::format("step1-x-{}", i + 1), "{:.1f}", doses[i]);
    ex.value(fmt::format("step1-z-{}", i + 1), "{:.2f}", s.z1);
    ex.value(fmt::format("step1-a-{}", i + 1), "{:.2f}", s.a1);
  }
  fmt::print("{}", t.text());
}
// [/step1]

// [stages]
// 일곱 단계의 값을 몇 가지 투여량에서 한눈에 봅니다.
void every_stage(litbook::Example& ex, const Params& p) {
  ex.println("\n단계별 값");
  litbook::TextTable t({{"x"}, {"a1"}, {"w3*a1"}, {"z2"}, {"w4*z2"},
                        {"sum"}, {"sum+b3"}, {"y"}});
  for (double x : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    const Stages s = forward(p, x);
    std::vector<std::string> row = {fmt::format("{:.2f}", x)};
    for (double v : {s.a1, s.top, s.z2, s.bottom, s.sum, s.shifted, s.y}) {
      row.push_back(litbook::format("{:.2f}", v));
    }
    t.row(row);
  }
  fmt::print("{}", t.text());
  // [/stages]
  const Stages at0 = forward(p, 0.0), at1 = forward(p, 1.0);
  ex.value("a1-at-1", "{:.2f}", at1.a1);
  ex.value("top-at-1", "{:.2f}", at1.top);
  ex.value("z2-at-1", "{:.2f}", at1.z2);
  ex.value("bottom-at-1", "{:.2f}", at1.bottom);
  ex.value("sum-at-1", "{:.2f}", at1.sum);
  ex.value("shifted-at-0", "{:.2f}", at0.shifted);
  ex.value("shifted-at-1", "{:.2f}", at1.shifted);
}

// [grid]
// 0부터 1까지 고르게 놓인 점 n개. numpy의 np.linspace(0, 1, n)처럼
// 간격 step = 1 / (n - 1)에 i를 곱해 만듭니다.
std::vector<double> linspace01(int n) {
  std::vector<double> xs(n);
  const double step = 1.0 / (n - 1);
  for (int i = 0; i < n; ++i) xs[i] = i * step;
  return xs;
}
// [/grid]

// [bottom-relu]
// 아래쪽 유닛에는 ReLU가 없습니다. 격자의 어느 점에서 ReLU가 값을
// 바꾸는지 셉니다.
void bottom_node_without_relu(litbook::Example& ex, const Params& p,
                              const std::vector<double>& xs) {
  int changed = 0;
  double z2_min = forward(p, xs[0]).z2;
  for (double x : xs) {
    const double z2 = forward(p, x).z2;
    if (nn::relu(z2) != z2) ++changed;
    z2_min = std::min(z2_min, z2);
  }
  ex.print("\n아래쪽 유닛에 ReLU를 씌우면 바뀌는 격자점: {}개",
           changed);
  ex.println(" (z2의 최솟값: {})", litbook::format("{:.2f}", z2_min));
  ex.value("bottom-relu-changed", "{}", changed);
  ex.value("bottom-relu-none", "{}",
           changed == 0 ? litbook::msg("값이 달라지는 점은 하나도 없습니다")
                        : litbook::msg("값이 달라지는 점이 있습니다"));
  ex.value("z2-min", "{:.2f}", z2_min);
}
// [/bottom-relu]

// [pieces]
// 마지막 ReLU 앞의 값 s + b3은 위쪽 유닛이 꺼진 쪽(a1 = 0)에서도 켜진
// 쪽(a1 = z1)에서도 직선 slope * x + icept입니다.
struct Line {
  double slope, icept;
  double at(double x) const { return slope * x + icept; }
  double root() const { return -icept / slope; }
};

// [from, to]에서 s + b3 = line.at(x)인 조각
struct Piece {
  double from, to;
  Line line;
};

// [0, 1]을 꺾이는 점(z1 = 0인 곳)에서 나눈 조각들. 꺾이는 점이 (0, 1)
// 안에 없으면 조각은 하나입니다.
std::vector<Piece> pieces(const Params& p) {
  const Line off{p.w4 * p.w2, p.w4 * p.b2 + p.b3};
  const Line on{off.slope + p.w3 * p.w1, off.icept + p.w3 * p.b1};
  auto line_at = [&](double x) { return p.w1 * x + p.b1 > 0 ? on : off; };
  const double kink = -p.b1 / p.w1;  // w1 = 0이면 ±inf나 NaN
  if (!(0 < kink && kink < 1)) return {{0, 1, line_at(0.5)}};
  return {{0, kink, line_at(0)}, {kink, 1, line_at(1)}};
}
// [/pieces]

// [peak]
// 조각마다 직선이므로 가장 큰 값은 어느 조각의 끝에 있습니다.
struct Point {
  double x, y;
};

Point peak(const std::vector<Piece>& ps) {
  Point best{0, ps.front().line.at(0)};
  for (const Piece& c : ps) {
    for (double x : {c.from, c.to}) {
      if (c.line.at(x) > best.y) best = {x, c.line.at(x)};
    }
  }
  return {best.x, nn::relu(best.y)};
}

// 출력이 양수인 구간. 끝점은 0이나 1이면서 그곳의 출력이 양수일 때만
// 구간에 들어갑니다.
struct Interval {
  double lo, hi;
  bool lo_in, hi_in;
  bool contains(double x) const {
    return (lo < x || (lo_in && x == lo)) && (x < hi || (hi_in && x == hi));
  }
};

// 직선 하나가 양수인 곳은 조각 안의 구간 하나(비어 있을 수도 있음)이고,
// 꺾이는 점에서 맞닿은 두 구간은 하나로 잇습니다.
std::vector<Interval> positive_intervals(const std::vector<Piece>& ps) {
  std::vector<Interval> out;
  for (const Piece& c : ps) {
    const Line& l = c.line;
    double lo = c.from, hi = c.to;
    if (l.slope > 0) lo = std::max(lo, l.root());
    if (l.slope < 0) hi = std::min(hi, l.root());
    if (!(lo < hi) || (l.slope == 0 && !(l.icept > 0))) continue;
    const bool hi_in = hi == 1 && l.at(1) > 0;
    if (!out.empty() && out.back().hi == lo && l.at(lo) > 0) {
      out.back().hi = hi;
      out.back().hi_in = hi_in;
    } else {
      out.push_back({lo, hi, lo == 0 && l.at(0) > 0, hi_in});
    }
  }
  return out;
}
// [/peak]

// "34.02 x + -16.00"이 아니라 "34.02 x - 16.00"으로 씁니다.
std::string line_text(const Line& l) {
  return litbook::format("{:.2f} x {} {:.2f}", l.slope,
                         l.icept < 0 ? '-' : '+', std::fabs(l.icept));
}

// "(0.4703, 0.5286)": 구간에 들어가는 끝점은 대괄호로 씁니다.
std::string interval_text(const Interval& iv) {
  return litbook::format("{}{:.4f}, {:.4f}{}", iv.lo_in ? '[' : '(',
                         iv.lo, iv.hi, iv.hi_in ? ']' : ')');
}

// [exact]
// 꺾이는 점, 두 직선, 꼭대기, 출력이 양수인 구간을 매개변수에서 곧바로
// 구해 출력합니다.
void exact_peak(litbook::Example& ex, const Params& p,
                const std::vector<Piece>& ps, const Point& top,
                const std::vector<Interval>& pos) {
  ex.println("\n꺾이는 점과 꼭대기");
  if (ps.size() == 2) {
    ex.println("  꺾이는 점 (z1 = 0): x = {:g}", ps[0].to);
    ex.println("  왼쪽 직선: {}", line_text(ps[0].line));
    ex.println("  오른쪽 직선: {}", line_text(ps[1].line));
  } else {
    ex.println("  꺾이는 점 (z1 = 0): (0, 1) 안에 없음");
    ex.println("  직선: {}", line_text(ps[0].line));
  }
  if (top.y > 0) {
    ex.println("  꼭대기 값: {:.4f} (x = {:.4f}, forward(x) = {:.4f})",
               top.y, top.x, forward(p, top.x).y);
  } else {
    ex.println("  꼭대기 값: 0 ([0, 1] 전체에서 출력이 0)");
  }
  std::string where;
  double width = 0;
  for (const Interval& iv : pos) {
    where += (where.empty() ? "" : ", ") + interval_text(iv);
    width += iv.hi - iv.lo;
  }
  if (pos.empty()) {
    ex.println("  출력이 양수인 구간: 없음");
  } else {
    ex.println("  출력이 양수인 구간: {}, 폭 {:.4f}", where, width);
  }
  // [/exact]
  ex.value("peak", "{:.2f}", top.y);
  if (ps.size() == 2) {
    const double kink = ps[0].to;
    ex.value("kink", "{:g}", kink);
    ex.value("left-slope", "{:.2f}", ps[0].line.slope);
    ex.value("left-icept", "{:.2f}", ps[0].line.icept);
    ex.value("right-slope", "{:.2f}", ps[1].line.slope);
    ex.value("right-icept", "{:.2f}", ps[1].line.icept);
    ex.value("sum-at-kink", "{:.2f}", forward(p, kink).sum);
  }
  if (pos.size() == 1) {
    ex.value("pos-lo", "{:.4f}", pos[0].lo);
    ex.value("pos-hi", "{:.4f}", pos[0].hi);
    ex.value("pos-width", "{:.4f}", pos[0].hi - pos[0].lo);
  }
}

// [grids]
// 격자 하나가 출력에서 보는 것
struct GridView {
  int n = 0;
  bool has_kink = false;  // 꺾이는 점이 격자점인가
  Point max{0, -1};  // 격자에서 가장 큰 출력과 그 위치
  int positive = 0;  // 출력이 양수인 점의 개수
  double first = 0, last = 0;  // 그런 점 가운데 처음과 마지막
  int disagree = 0;  // "y > 0"과 "구간 안"이 어긋나는 점의 개수
};

GridView view(const Params& p, const std::vector<double>& xs, double kink,
              const std::vector<Interval>& pos) {
  GridView g;
  g.n = static_cast<int>(xs.size());
  for (double x : xs) {
    const double y = forward(p, x).y;
    if (x == kink) g.has_kink = true;
    if (y > g.max.y) g.max = {x, y};
    if (y > 0) {
      if (g.positive++ == 0) g.first = x;
      g.last = x;
    }
    const bool inside = std::any_of(
        pos.begin(), pos.end(),
        [x](const Interval& iv) { return iv.contains(x); });
    if ((y > 0) != inside) ++g.disagree;
  }
  return g;
}
// [/grids]

void print_grid(litbook::Example& ex, const std::string& key,
                const GridView& g) {
  ex.println("\n점 {}개의 격자", g.n);
  ex.println("  꺾이는 점이 격자에 있는가: {}",
             g.has_kink ? ex.tr("예") : ex.tr("아니요"));
  ex.println("  최댓값: {} (x = {:.4f})", litbook::format("{:.4f}", g.max.y),
             g.max.x);
  if (g.positive > 0) {
    ex.println("  출력이 양수인 점: {}개, x = {:.4f} .. {:.4f}",
               g.positive, g.first, g.last);
  } else {
    ex.println("  출력이 양수인 점: 0개");
  }
  ex.println("  구간과 어긋나는 점: {}개", g.disagree);
  ex.value(key + "-n", "{}", g.n);
  ex.value(key + "-step", "{:.4g}", 1.0 / (g.n - 1));
  ex.value(key + "-max", "{:.4f}", g.max.y);
  ex.value(key + "-max-x", "{:.4f}", g.max.x);
  ex.value(key + "-pos-n", "{}", g.positive);
  ex.value(key + "-pos-first", "{:.4f}", g.first);
  ex.value(key + "-pos-last", "{:.4f}", g.last);
  ex.value(key + "-disagree", "{}", g.disagree);
}

// [art-gap]
// 원문의 격자(점 100개)는 꺾이는 점 양옆의 두 점만 봅니다.
void around_the_kink(litbook::Example& ex, const Params& p, double kink,
                     const Point& top, const GridView& art) {
  const double step = 1.0 / 99;
  ex.println("\n점 100개의 격자에서 꺾이는 점 양옆");
  if (std::isnan(kink)) {
    ex.println("  꺾이는 점이 (0, 1) 안에 없습니다");
  } else {
    const int below = static_cast<int>(kink / step);
    for (int i : {below, below + 1}) {
      const double y = forward(p, i * step).y;
      fmt::print("  x = {:.4f}  y = {}\n", i * step,
                 litbook::format("{:.4f}", y));
      const std::string side = i == below ? "art-left" : "art-right";
      ex.value(side + "-x", "{:.4f}", i * step);
      ex.value(side + "-y", "{:.4f}", y);
    }
  }
  const double short_by = top.y - art.max.y;
  if (top.y > 0) {
    ex.println("  정확한 꼭대기보다 모자란 값: {} ({}%)",
               litbook::format("{:.4f}", short_by),
               litbook::format("{:.0f}", 100 * short_by / top.y));
    ex.value("art-short-pct", "{:.0f}", 100 * short_by / top.y);
  } else {
    ex.println("  정확한 꼭대기보다 모자란 값: {}",
               litbook::format("{:.4f}", short_by));
  }
  ex.value("art-short", "{:.4f}", short_by);
}
// [/art-gap]

// 그림의 데이터: 이 장의 격자에서 모든 단계, 원문의 격자에서 출력,
// 출력이 꺾이는 점들(정확한 모양), 꼭대기
void figure_data(litbook::Example& ex, const Params& p,
                 const std::vector<double>& xs, const std::vector<Piece>& ps,
                 const Point& top) {
  litbook::Table stages({"x", "z1", "a1", "top", "z2", "bottom", "sum",
                         "shifted", "y"});
  for (double x : xs) {
    const Stages s = forward(p, x);
    stages.row({x, s.z1, s.a1, s.top, s.z2, s.bottom, s.sum, s.shifted,
                s.y});
  }
  ex.data("stages", stages);
  litbook::Table art({"x", "y"});
  for (double x : linspace01(100)) art.row({x, forward(p, x).y});
  ex.data("article-grid", art);

  std::vector<Point> corners = {{0, forward(p, 0).y}, {1, forward(p, 1).y}};
  for (const Piece& c : ps) {
    if (c.from > 0) corners.push_back({c.from, nn::relu(c.line.at(c.from))});
    const double r = c.line.slope != 0 ? c.line.root() : -1;
    if (c.from < r && r < c.to) corners.push_back({r, 0});  // 정확히 0
  }
  std::sort(corners.begin(), corners.end(),
            [](const Point& a, const Point& b) { return a.x < b.x; });
  litbook::Table exact({"x", "y"});
  for (const Point& c : corners) exact.row({c.x, c.y});
  ex.data("exact", exact);
  litbook::Table peak_at({"x", "y"});
  peak_at.row({top.x, top.y});
  ex.data("peak", peak_at);
}

// [main]
int main(int argc, char** argv) {
  litbook::Example ex(
      argc, argv,
      litbook::msg("『시각적으로 이해하는 ReLU』 5장의 예제"),
      parameters());
  const Params p = read_params(ex);
  print_parameters(ex, p);

  // 일곱 단계를 몇 가지 투여량에서 따라갑니다.
  step1_top_node(ex, p);
  every_stage(ex, p);
  const std::vector<double> xs = linspace01(ex.integer("points"));
  bottom_node_without_relu(ex, p, xs);

  // 꼭대기와 출력이 양수인 구간을 정확히 구합니다.
  const std::vector<Piece> ps = pieces(p);
  const Point top = peak(ps);
  const std::vector<Interval> pos = positive_intervals(ps);
  exact_peak(ex, p, ps, top, pos);

  // 두 격자가 보는 것과 비교합니다.
  const double kink = ps.size() == 2 ? ps[0].to : NAN;
  const GridView art = view(p, linspace01(100), kink, pos);
  const GridView own = view(p, xs, kink, pos);
  print_grid(ex, "art", art);
  print_grid(ex, "own", own);
  ex.value("disagree-none", "{}",
           art.disagree == 0 && own.disagree == 0
               ? litbook::msg("두 격자 모두 어긋나는 점이 하나도 없습니다")
               : litbook::msg("어긋나는 점이 있는 격자가 있습니다"));
  around_the_kink(ex, p, kink, top, art);

  figure_data(ex, p, xs, ps, top);
  return ex.finish();
}
// [/main]
