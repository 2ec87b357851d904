"""What `litbook new` and `litbook add-chapter` write: the starter texts.

The starter chapter exists in the languages of TEXTS; a book in another
language gets the English text in that language's place, to translate
(the README it writes says so).
"""
TEXTS = {
    "en": {
        "c_title": "Chapter {n}: squares.",
        "c_intro": "Prints the squares of 1 to n and their sum, and writes "
                   "the data of\nthe chapter's figure.",
        "c_squares": "The squares of 1 to n, and their sum.",
        "m_heading": "Squares of 1 to n",
        "m_sum": "Sum of the squares: {}",
        "m_about": "The example of chapter {n}",
        "m_n": "the largest number n",
        "title": "Squares",
        "p1": "The example of this chapter squares the numbers from 1 to "
              "n.",
        "p2": "What it prints, compared with the expected output at every "
              "build:",
        "p3": "The squares add up to :val:`{chapter}:sum`.",
        "caption": "The squares of 1 to n.",
        "alt": "Points that rise ever more steeply, from 1 at x = 1 to 25 "
               "at x = 5.",
        "x": "x", "square": "x squared",
        "intro": "Every number in this book was computed by its examples "
                 "when the book was built.",
        "toc": "Chapters",
    },
    "ko": {
        "c_title": "{n}장: 제곱.",
        "c_intro": "1부터 n까지의 제곱과 그 합을 출력하고, 그림의 데이터를 "
                   "기록합니다.",
        "c_squares": "1부터 n까지의 제곱과 그 합.",
        "m_heading": "1부터 n까지의 제곱",
        "m_sum": "제곱의 합: {}",
        "m_about": "{n}장의 예제",
        "m_n": "가장 큰 수 n",
        "title": "제곱",
        "p1": "이 장의 예제는 1부터 n까지의 수를 제곱합니다.",
        "p2": "예제가 출력하는 내용은 다음과 같고, 빌드할 때마다 기대 "
              "출력과 대조됩니다.",
        "p3": "제곱을 모두 더하면 :val:`{chapter}:sum`\\ 입니다.",
        "caption": "1부터 n까지의 제곱.",
        "alt": "x = 1의 1에서 x = 5의 25까지 점점 가파르게 올라가는 점들.",
        "x": "x", "square": "x의 제곱",
        "intro": "이 책의 숫자는 모두 책을 빌드할 때 예제가 계산한 "
                 "것입니다.",
        "toc": "차례",
    },
    "ja": {
        "c_title": "第{n}章: 平方。",
        "c_intro": "1 から n までの平方とその和を出力し、図のデータを書き出"
                   "します。",
        "c_squares": "1 から n までの平方とその和。",
        "m_heading": "1 から n までの平方",
        "m_sum": "平方の和: {}",
        "m_about": "第{n}章の例",
        "m_n": "最大の数 n",
        "title": "平方",
        "p1": "この章の例は 1 から n までの数を平方します。",
        "p2": "例の出力は次のとおりで、ビルドのたびに期待出力と照合されま"
              "す。",
        "p3": "平方をすべて足すと :val:`{chapter}:sum` になります。",
        "caption": "1 から n までの平方。",
        "alt": "x = 1 の 1 から x = 5 の 25 まで、次第に急になりながら上が"
               "る点。",
        "x": "x", "square": "x の平方",
        "intro": "この本の数値はすべて、本をビルドしたときに例が計算したも"
                 "のです。",
        "toc": "目次",
    },
}


def texts(lang, n, chapter):
    t = dict(TEXTS.get(lang, TEXTS["en"]))
    for k in ("c_title", "m_about"):
        t[k] = t[k].replace("{n}", str(n))
    t["p3"] = t["p3"].replace("{chapter}", chapter)
    return t


def comment(text, indent=""):
    return "\n".join(f"{indent}// {l}".rstrip() for l in text.split("\n"))


def program(lang, n, chapter):
    t = texts(lang, n, chapter)
    return f"""{comment(t['c_title'])}
//
{comment(t['c_intro'])}
#include <litbook/example.hpp>

#include <fmt/core.h>

// [squares]
{comment(t['c_squares'])}
void squares(litbook::Example& ex) {{
  const long n = ex.integer("n");
  litbook::Table table({{"x", "square"}});
  long sum = 0;
  ex.println("{t['m_heading']}");
  for (long x = 1; x <= n; ++x) {{
    fmt::print("  {{:2}} {{:4}}\\n", x, x * x);
    table.row({{static_cast<double>(x), static_cast<double>(x * x)}});
    sum += x * x;
  }}
  ex.println("{t['m_sum']}", sum);
  ex.data("squares", table);
  ex.value("sum", "{{}}", sum);
}}
// [/squares]

// [main]
int main(int argc, char** argv) {{
  const litbook::Param n =
      litbook::integer("n", 5, 1, 20, litbook::msg("{t['m_n']}"));
  litbook::Example ex(argc, argv,
                      litbook::msg("{t['m_about']}"), {{n}});
  squares(ex);
  return ex.finish();
}}
// [/main]
"""


def expected(lang, n, chapter, count=5):
    t = texts(lang, n, chapter)
    rows = "".join(f"  {x:2} {x * x:4}\n" for x in range(1, count + 1))
    total = sum(x * x for x in range(1, count + 1))
    return f"{t['m_heading']}\n{rows}{t['m_sum'].replace('{}', str(total))}\n"


def chapter_rst(lang, n, chapter):
    t = texts(lang, n, chapter)
    bar = "=" * (2 * len(t["title"]) + 2)
    return f"""{t['title']}
{bar}

{t['p1']}

.. excerpt:: chapters/{chapter}/main.cpp squares

{t['p2']}

.. output:: {chapter}

{t['p3']}

.. fig:: {chapter}/squares

   {t['caption']}

   {t['alt']}

.. excerpt:: chapters/{chapter}/main.cpp main

.. run-it:: {chapter}
"""


def chapter_messages(src, lang, n, chapter):
    """(msgid, msgstr) of a chapter page, for a catalogue of `lang`."""
    a, b = texts(src, n, chapter), texts(lang, n, chapter)
    return [(a[k], b[k]) for k in ("title", "p1", "p2", "p3", "caption",
                                    "alt")]


def program_messages(src, lang, n, chapter):
    """{(context, msgid): msgstr} of a chapter's program."""
    a, b = texts(src, n, chapter), texts(lang, n, chapter)
    out = {(None, a[k]): b[k] for k in ("m_heading", "m_sum", "m_about",
                                         "m_n")}
    c_intro_a = a["c_title"] + "\n\n" + a["c_intro"]
    c_intro_b = b["c_title"] + "\n\n" + b["c_intro"]
    out[("comment", c_intro_a)] = c_intro_b
    out[("comment", a["c_squares"])] = b["c_squares"]
    return out


def index_rst(title, lang):
    t = texts(lang, 1, "")
    bar = "=" * (2 * len(title) + 2)
    return f"""{title}
{bar}

{t['intro']}

.. toctree::
   :maxdepth: 2
   :numbered:
   :caption: {t['toc']}
   :glob:

   chapters/*
"""


def index_messages(title, src, lang):
    a, b = texts(src, 1, ""), texts(lang, 1, "")
    return [(title, title), (a["intro"], b["intro"]), (a["toc"], b["toc"])]
