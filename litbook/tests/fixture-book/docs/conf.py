extensions = ["sphinx.ext.mathjax", "breathe", "litbook"]
project = "Fixture"
author = "fixture"
language = "ko"
exclude_patterns = ["locale"]
# The catalogues are docs/locale/<lang>/LC_MESSAGES/*.po; the build compiles
# them into its own tree and passes -D locale_dirs=<build>/book/locale, so
# that nothing is written here (this default serves a bare sphinx-build).
locale_dirs = ["locale"]
gettext_compact = False
gettext_location = False
litbook_doxygen_project = "mini"
litbook_titles = {"ko": "시험용 책", "en": "Fixture book"}
html_theme = "furo"
latex_engine = "xelatex"
latex_use_xindy = False
latex_elements = {
    "babel": "", "polyglossia": "", "fncychap": "", "printindex": "",
    "fontpkg": r"""
\setmainfont{Noto Serif CJK KR}
\setsansfont{Noto Sans CJK KR}
\setmonofont{Noto Sans Mono CJK KR}
""",
}
