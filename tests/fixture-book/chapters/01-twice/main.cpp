// Fixture chapter: doubling.
#include <litbook/example.hpp>
#include <mini/twice.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  const auto opts = litbook::parse_args(argc, argv, "Fixture chapter.");
  litbook::Output out(opts);
  // [table]
  const double start = 1.5;
  for (int i = 0; i < 3; ++i) {
    const double x = start + i;
    std::printf("%s %.2f -> %.2f\n",
                litbook::tr(opts.lang, "두 배:", "twice:").data(), x,
                mini::twice(x));
  }
  // [/table]
  litbook::Table t({"x", "y"});
  for (int i = 0; i <= 10; ++i) t.row({i * 0.5, mini::twice(i * 0.5)});
  out.data("line", t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", mini::twice(start));
  out.value("first", buf);
  return out.finish();
}
