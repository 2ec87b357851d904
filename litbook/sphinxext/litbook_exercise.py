"""``.. exercise:: --name value ...`` and ``.. answer::``: exercises a
reader answers by running the chapter's example with other values.

The argument is the command-line options of the page's example (the
chapter is the document's name, ``chapters/<chapter>``), e.g.
``--depth 60``; each must be a parameter the program declared, with a
value it accepts (from the runner's ``<chapter>.params.json``), or the
build fails. The content is the question, then an ``.. answer::``. The
exercises of a page are numbered ("Exercise 1" in the reader's language).

HTML pages show the options and a button that puts them into the page's
Run panel (every other parameter at its default) and runs the program
(litbook_runner.js); the answer is folded (``<details>``). Print and EPUB
show the options and the answer after the question.
"""
import html
import json
import os
import shlex

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

import litbook_i18n
import litbook_runner
from litbook_common import lang_of


def parse_options(text):
    """``--a 1 --b x`` as [("a", "1"), ("b", "x")]; ValueError otherwise."""
    words = shlex.split(text)
    if len(words) % 2:
        raise ValueError(f"'{text}': options come as pairs --name value")
    pairs = []
    for name, value in zip(words[::2], words[1::2]):
        if not name.startswith("--") or len(name) < 3:
            raise ValueError(f"'{name}' is not an option (--name value)")
        pairs.append((name[2:], value))
    return pairs


def check_options(pairs, params):
    """Raises ValueError when an option is not a declared parameter or its
    value is one the program would refuse."""
    by_name = {p["name"]: p for p in params}
    for name, value in pairs:
        p = by_name.get(name)
        if p is None:
            known = ", ".join(sorted(by_name)) or "none"
            raise ValueError(f"--{name} is not a parameter of the example "
                             f"(its parameters: {known})")
        if p["kind"] == "choice":
            if value not in p["choices"]:
                raise ValueError(f"--{name} {value}: not one of "
                                 + ", ".join(p["choices"]))
            continue
        try:
            x = float(value)
        except ValueError:
            raise ValueError(f"--{name} {value}: not a number") from None
        if p["kind"] == "integer" and x != int(x):
            raise ValueError(f"--{name} {value}: not an integer")
        if not p["min"] <= x <= p["max"]:
            raise ValueError(f"--{name} {value}: outside [{p['min']}, "
                             f"{p['max']}]")


class AnswerDirective(SphinxDirective):
    """The answer of the enclosing exercise."""
    has_content = True

    def run(self):
        lang = lang_of(self.env)
        label = litbook_i18n.words(lang, "Answer")
        html_book = self.env.app.builder.name in ("html", "dirhtml")
        box = nodes.container(classes=["litbook-answer"])
        if html_book:
            box += nodes.raw("", '<details class="litbook-answer-fold">'
                             f'<summary>{html.escape(label)}</summary>',
                             format="html")
        else:
            head = nodes.paragraph(classes=["litbook-answer-label"])
            head += nodes.strong(label, label)
            box += head
        self.state.nested_parse(self.content, self.content_offset, box)
        if html_book:
            box += nodes.raw("", "</details>", format="html")
        return [box]


class ExerciseDirective(SphinxDirective):
    """One numbered exercise: the options to run the example with, the
    question, and its answer."""
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self):
        env = self.env
        lang = lang_of(env)
        words = litbook_i18n.words
        chapter = os.path.basename(env.docname)
        options = self.arguments[0] if self.arguments else ""
        try:
            pairs = parse_options(options)
        except ValueError as e:
            raise self.error(f"{env.docname}: exercise: {e}")
        if env.app.builder.name != "gettext":
            found = litbook_runner.params_of(env.config, chapter)
            if found is not None:
                path, params = found
                env.note_dependency(path)
                try:
                    check_options(pairs, params)
                except ValueError as e:
                    raise self.error(f"{env.docname}: exercise: {e}")
        count = env.temp_data.get("litbook_exercises", 0) + 1
        env.temp_data["litbook_exercises"] = count
        box = nodes.container(classes=["litbook-exercise"])
        box["ids"].append(f"litbook-exercise-{count}")
        head = nodes.paragraph(classes=["litbook-exercise-title"])
        title = words(lang, "Exercise {n}", n=count)
        head += nodes.strong(title, title)
        if pairs:
            command = " ".join(f"--{n} {shlex.quote(v)}" for n, v in pairs)
            head += nodes.Text(" ")
            head += nodes.literal(command, command)
            if (env.app.builder.name in ("html", "dirhtml")
                    and litbook_runner.enabled(env.config)):
                data = html.escape(json.dumps(dict(pairs)))
                head += nodes.raw(
                    "", f' <button type="button" class="litbook-try" '
                    f'data-chapter="{html.escape(chapter)}" '
                    f'data-args="{data}">'
                    f'{html.escape(words(lang, "Try it in the Run panel"))}'
                    "</button>", format="html")
        for n in head.findall(nodes.Element):
            n["translatable"] = False
        box += head
        self.state.nested_parse(self.content, self.content_offset, box)
        if not any("litbook-answer" in n["classes"]
                   for n in box.findall(nodes.container)):
            raise self.error(f"{env.docname}: exercise {count} has no "
                             ".. answer::")
        return [box]


def setup(app):
    app.add_directive("exercise", ExerciseDirective)
    app.add_directive("answer", AnswerDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
