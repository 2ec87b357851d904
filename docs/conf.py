# Sphinx configuration of "Understanding ReLU, Visually".
#
# Korean is the source language; English comes from the gettext catalogues
# in locale/en/LC_MESSAGES. The build (CMake, see litbook/cmake/LitBook.cmake)
# passes -D language=..., -D litbook_build_dir=... and
# -D litbook_source_root=...; this file holds only the book's own settings.

extensions = [
    "sphinx.ext.mathjax",
    "sphinx_copybutton",
    "breathe",
    "litbook",
]

author = "The relu-book authors"
version = release = "0.1"
copyright = "2026, relu-book authors"
language = "ko"
root_doc = "index"
exclude_patterns = ["_build", "locale"]

# The library's comments are written in English (the chapters' programs
# in the book's source language, Korean): the Korean book shows the
# excerpts of src/nn with the comments of src/nn/locale/ko.po.
litbook_code_languages = {"src/nn": "en"}
# litbook: per-language titles (the languages are CMake's LITBOOK_LANGS).
litbook_doxygen_project = "nn"
# How the run-it box of each chapter says to build and run its example.
litbook_run_commands = [
    "make examples",
    "./build/book/examples/{chapter} --lang {lang} --out /tmp/{chapter}",
]
litbook_titles = {
    "ko": "시각적으로 이해하는 ReLU",
    "en": "Understanding ReLU, Visually",
}
project = litbook_titles["ko"]
# The title page's author line and the EPUB's creator, per language.
litbook_authors = {
    "ko": "relu-book 저자들",
    "en": "The relu-book authors",
}
# Pages of the HTML book only (the build-timing report says nothing in
# print): left out of the PDF and the EPUB.
litbook_html_only = ["timing"]

# i18n: one catalogue per document, no churn from source locations.
# The catalogues are docs/locale/<lang>/LC_MESSAGES/*.po; the build compiles
# them into its own tree and passes -D locale_dirs=<build>/book/locale, so
# that nothing is written here (this default serves a bare sphinx-build).
locale_dirs = ["locale"]
gettext_compact = False
gettext_location = False
gettext_uuid = False

numfig = True
highlight_language = "cpp"
# Syntax colours with WCAG AA contrast (>= 4.5:1) for every token, light and
# dark (furo's dark mode follows the reader's system setting); "friendly" and
# furo's default dark "native" fail axe-core's color-contrast check.
pygments_style = "xcode"
pygments_dark_style = "github-dark"

# HTML
html_theme = "furo"
html_css_files = ["litbook.css"]
# The book's icon (the ReLU curve), in the tab of every HTML page.
html_favicon = "favicon.svg"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "litbook-langswitch.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
copybutton_prompt_text = r"\$ "
copybutton_prompt_is_regexp = True

# C++ domain: standard-library and Eigen names are not ours to document.
nitpick_ignore_regex = [
    ("cpp:identifier", r"(std|Eigen|fmt)(::.*)?"),
    ("cpp:identifier", r"[A-Z]|T|Scalar|size_t|uint\d+_t"),
]
cpp_index_common_prefix = ["nn::"]
# The API page documents the namespace; headers have no page to link to.
breathe_show_include = False

# LaTeX: XeLaTeX with Noto CJK for Hangul; no babel (fontspec only).
# The KR faces of Noto CJK (fontspec command, family, features); litbook
# loads each from a copy of its collection that names the face in the PDF.
litbook_latex_fonts = [
    ("setmainfont", "Noto Serif CJK KR", []),
    ("setsansfont", "Noto Sans CJK KR", []),
    ("setmonofont", "Noto Sans Mono CJK KR", ["Scale=0.9"]),
]
latex_engine = "xelatex"
latex_use_xindy = False
latex_show_urls = "footnote"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "babel": "",
    "polyglossia": "",
    "fncychap": "",
    # After the fonts of litbook_latex_fonts: Korean breaks at spaces,
    # between words (no \XeTeXlinebreaklocale, which breaks between any two
    # syllables), and justification stretches the spaces only, never the
    # letters; the text copies as it was typed (ActualText).
    "fontpkg": r"""
\XeTeXgenerateactualtext=1
\tolerance=2000
\emergencystretch=2em
""",
    "sphinxsetup": "verbatimwithframe=true, VerbatimColor={rgb}{0.97,0.97,0.97}",
    # The index: the book's terms (litbook_terms) and the C++ names.
    "printindex": r"\printindex",
    # Table rows with some air between the text and the rules.
    "preamble": r"\renewcommand{\arraystretch}{1.3}",
}
# Per language: how a chapter is named (\litbookchaptername{1}: "제1장" /
# "Chapter 1"), on the chapter's first page and in the running heads alike.
litbook_latex_preamble = {
    "ko": r"""
\frenchspacing
\newcommand{\litbookchaptername}[1]{제#1장}
\usepackage{titlesec}
\titleformat{\chapter}[display]{\normalfont\bfseries\Huge}
  {\LARGE\litbookchaptername{\thechapter}}{12pt}{}
\renewcommand{\contentsname}{차례}
% makeindex puts the entries that start with neither a Latin letter nor a
% digit first, in its symbols' group: here the Korean terms, in code-point
% order (the order of the syllables).
\renewcommand{\sphinxsymbolsname}{한글}
""",
    "en": r"""
\newcommand{\litbookchaptername}[1]{Chapter #1}
""",
}

# The book's vocabulary (terms.tsv): the glossary and the terms check.
litbook_terms = "terms.tsv"
