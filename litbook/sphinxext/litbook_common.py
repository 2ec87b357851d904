"""What every part of litbook's Sphinx extension shares: where the build
puts its results, the reader's language, the extension's error."""
import os


class LitbookError(Exception):
    pass


def build_dir(env):
    d = env.config.litbook_build_dir
    if not d:
        raise LitbookError("litbook_build_dir is not set (pass "
                           "-D litbook_build_dir=...)")
    return d


def lang_of(env):
    return env.config.language or env.config.litbook_languages[0]


def chapter_file(env, chapter, name):
    path = os.path.join(build_dir(env), "out", chapter, name)
    if not os.path.exists(path):
        raise LitbookError(
            f"no {name} for chapter '{chapter}' ({path}); is the chapter "
            "registered and did its example run and pass its check?")
    env.note_dependency(path)
    return path
