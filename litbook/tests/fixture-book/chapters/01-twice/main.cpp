// 시험용 장: 두 배.
#include <litbook/example.hpp>
#include <mini/twice.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  litbook::Example ex(argc, argv, litbook::msg("시험용 장"));
  // [table]
  const double start = 1.5;
  for (int i = 0; i < 3; ++i) {
    const double x = start + i;
    ex.println("두 배: {:.2f} -> {:.2f}", x,
               mini::twice(x));
  }
  // [/table]
  litbook::Table t({"x", "y"});
  for (int i = 0; i <= 10; ++i) t.row({i * 0.5, mini::twice(i * 0.5)});
  ex.data("line", t);
  ex.value("first", "{:.2f}", mini::twice(start));
  return ex.finish();
}
