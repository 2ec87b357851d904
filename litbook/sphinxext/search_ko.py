"""search_ko: a Korean search language for Sphinx's HTML search.

Sphinx 5.3 has no Korean search language: it splits Korean on spaces (and
falls back to the English stemmer), so the index holds words with their
particles ("입력이", "함수를", "기울기는") and a search for "입력" misses
the page.

Index (Python, ``split``): text is cut into runs of Hangul syllables and
runs of other word characters ("ReLU는" -> "ReLU", "는"). For a Hangul run
the index gets

* its stem: the run without its particle or ending, longest match first,
  never below one syllable ("기울기는" -> "기울기", "값을" -> "값"); a
  single-syllable particle that could also end a noun ("결과", "속도",
  "차이", "정의") is only stripped when two syllables remain;
* every syllable bigram of the run ("활성화함수" -> "활성", "성화", "화함",
  "함수"), so that a word found inside a compound or before a particle is
  found by its bigrams.

Query (JavaScript, ``splitQuery``): a Hangul query word is stemmed by the
same rules (the particle list is emitted from this module, so the two sides
cannot drift), then replaced by the bigrams of its stem; Sphinx requires
every term, so a page is listed when it holds all of them. A stem of one
syllable ("죽은" -> "죽", "값이" -> "값") is searched as itself. Since a stem
is a prefix of the query word, every page whose text contains a query word
of two or more syllables holds all its bigrams: no page is missed.

Latin words get the English (Porter) stemmer, as in Sphinx's English and
Chinese search, on both sides.

Use: ``app.setup_extension("search_ko")`` (or list it in ``extensions``).
"""
import json
import re
from typing import Dict, List

from sphinx.search import SearchLanguage
from sphinx.search.en import english_stopwords, js_porter_stemmer

import snowballstemmer

HANGUL = "\uac00-\ud7a3"   # precomposed syllables
_RUN = re.compile(rf"[{HANGUL}]+|(?:(?![{HANGUL}])\w)+")

# Particles and endings stripped from the end of a Hangul run, longest match
# first. Multi-syllable ones may leave a single syllable ("값에서" -> "값"),
# unless they begin with an ambiguous syllable (below).
ENDINGS_LONG = [
    # copula and polite endings
    "이었습니다", "였습니다", "입니다", "합니다", "됩니다", "습니다",
    "이었다", "이라는", "이라고", "이지만", "이므로", "이어서", "이라면",
    "이다", "이며", "이고", "이나", "이란", "이라", "이면", "인데",
    # verb-forming suffixes of Sino-Korean nouns (계산하는 -> 계산)
    "하는", "하여", "해서", "한다", "하면", "하고", "했다", "하지", "하며",
    "된다", "되는", "되어", "되며", "되고", "되면", "됐다",
    # particles and their combinations
    "에서부터", "에서는", "에서도", "에서의", "에서만", "에게서", "으로는",
    "으로도", "으로서", "으로써", "으로의", "으로만", "까지의", "부터는",
    "보다는", "처럼", "만큼", "마다", "조차", "밖에", "에서", "에게", "한테",
    "으로", "로서", "로써", "로는", "로도", "로의", "로만", "까지", "부터",
    "보다", "에는", "에도", "에의", "에만", "와는", "과는", "와의", "과의",
    "와도", "과도", "만을", "만이", "만의", "만은", "라는", "라고", "라면",
    # plural 들 with a particle (뉴런들이 -> 뉴런)
    "들에서", "들에게", "들이", "들은", "들을", "들의", "들과", "들도",
    "들에", "들로", "들만", "들는",
]
# Single-syllable particles that also end common nouns (결과, 속도, 차이,
# 정의, 경로, 증가, 제한, 원인): stripped only when two syllables remain.
ENDINGS_SHORT = ["이", "가", "의", "로", "과", "도", "만", "나", "란",
                 "랑", "인", "한", "된", "할", "될"]
# Single-syllable particles that hardly end a noun: may leave one syllable.
ENDINGS_SAFE = ["은", "는", "을", "를", "에", "와"]

# An ending that begins like an ambiguous one ("과는", "로도", "이다") also
# keeps two syllables ("결과는" -> "결과", not "결").
_ENDINGS = sorted(
    [(e, 2 if e[0] in ENDINGS_SHORT else 1) for e in ENDINGS_LONG]
    + [(e, 2) for e in ENDINGS_SHORT] + [(e, 1) for e in ENDINGS_SAFE],
    key=lambda em: -len(em[0]))
# A run that is only a particle (left over from "ReLU는") is not indexed.
_BARE = set(ENDINGS_SHORT) | set(ENDINGS_SAFE) | {"에서", "으로", "까지",
                                                  "부터", "보다", "처럼"}


def is_hangul(word: str) -> bool:
    return bool(word) and all("\uac00" <= c <= "\ud7a3" for c in word)


def stem_hangul(word: str) -> str:
    """The run without its particle or ending (longest match first)."""
    for ending, keep in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= keep:
            return word[:-len(ending)]
    return word


def bigrams(word: str) -> List[str]:
    return [word[i:i + 2] for i in range(len(word) - 1)]


def index_terms(run: str) -> List[str]:
    """Index terms of one Hangul run: its stem and its bigrams."""
    if len(run) == 1 and run in _BARE:
        return []
    terms = [stem_hangul(run)]
    for b in bigrams(run):
        if b not in terms:
            terms.append(b)
    return terms


def query_terms(run: str) -> List[str]:
    """Search terms of one Hangul query word (mirrored in JavaScript)."""
    stem = stem_hangul(run)
    return bigrams(stem) if len(stem) >= 2 else [stem]


_JS_SPLITTER = """
/* search_ko: Hangul runs -> bigrams of their stem (see search_ko.py). */
var KO_ENDINGS = %(endings)s;
var KO_HANGUL = /^[\\uac00-\\ud7a3]+$/;
var koStem = function(word) {
  for (var i = 0; i < KO_ENDINGS.length; i++) {
    var e = KO_ENDINGS[i][0], keep = KO_ENDINGS[i][1];
    if (word.length - e.length >= keep &&
        word.slice(word.length - e.length) === e)
      return word.slice(0, word.length - e.length);
  }
  return word;
};
var koQueryTerms = function(run) {
  var stem = koStem(run);
  if (stem.length < 2) return [stem];
  var out = [];
  for (var i = 0; i + 1 < stem.length; i++) out.push(stem.substr(i, 2));
  return out;
};
var splitQuery = function(query) {
  var runs = query.match(
    /[\\uac00-\\ud7a3]+|(?:(?![\\uac00-\\ud7a3])[\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}])+/gu
  ) || [];
  var out = [];
  runs.forEach(function(run) {
    if (KO_HANGUL.test(run)) out.push.apply(out, koQueryTerms(run));
    else out.push(run);
  });
  return out;
};
"""

# Porter for Latin words, identity for Hangul terms (already normalised).
_JS_STEMMER = js_porter_stemmer.replace(
    "var Stemmer = function()", "var PorterStemmer = function()", 1) + """
var Stemmer = function() {
  var porter = new PorterStemmer();
  this.stemWord = function(w) {
    if (/[\\uac00-\\ud7a3]/.test(w)) return w;
    return porter.stemWord(w);
  };
};
"""


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"
    stopwords = english_stopwords
    js_stemmer_code = _JS_STEMMER
    js_splitter_code = _JS_SPLITTER % {
        "endings": json.dumps(_ENDINGS, ensure_ascii=False)}

    def init(self, options: Dict) -> None:
        self.stemmer = snowballstemmer.stemmer("porter")

    def split(self, input: str) -> List[str]:
        out: List[str] = []
        for run in _RUN.findall(input):
            if is_hangul(run):
                out.extend(index_terms(run))
            else:
                out.append(run)
        return out

    def stem(self, word: str) -> str:
        if is_hangul(word):
            return word  # split() already gave the index terms
        return self.stemmer.stemWord(word.lower())

    def word_filter(self, word: str) -> bool:
        return len(word) > 0 and not (ord(word[0]) < 256
                                      and word in self.stopwords)


def setup(app):
    app.add_search_language(SearchKorean)
    return {"version": "0.1", "parallel_read_safe": True,
            "parallel_write_safe": True}
