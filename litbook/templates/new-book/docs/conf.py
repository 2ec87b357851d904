# Sphinx configuration of "@TITLE@". The build passes the languages, the
# language of each run and the build paths (see litbook's README).
extensions = ["sphinx.ext.mathjax", "litbook"]
project = "@TITLE@"
author = "@AUTHOR@"
copyright = "@YEAR@, @AUTHOR@"
root_doc = "index"
exclude_patterns = ["locale"]
litbook_titles = @TITLES@
html_theme = "furo"
