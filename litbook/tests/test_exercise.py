"""Exercises name the options to run the example with: each must be a
parameter the program declared, with a value it would accept."""
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "sphinxext"))
import litbook_exercise as ex  # noqa: E402

PARAMS = [
    {"name": "depth", "kind": "integer", "min": 2, "max": 100, "step": 1},
    {"name": "slope", "kind": "number", "min": 0, "max": 1, "step": 0.01},
    {"name": "init", "kind": "choice", "choices": ["xavier", "kaiming"]},
]


def test_options_come_as_pairs():
    assert ex.parse_options("--depth 60 --init kaiming") == [
        ("depth", "60"), ("init", "kaiming")]
    assert ex.parse_options("") == []
    with pytest.raises(ValueError, match="pairs"):
        ex.parse_options("--depth")
    with pytest.raises(ValueError, match="not an option"):
        ex.parse_options("depth 60")


def test_accepted_values_pass():
    ex.check_options([("depth", "60"), ("slope", "0.1"),
                      ("init", "kaiming")], PARAMS)


@pytest.mark.parametrize("pairs,message", [
    ([("width", "3")], "not a parameter of the example"),
    ([("depth", "101")], "outside"),
    ([("depth", "2.5")], "not an integer"),
    ([("slope", "x")], "not a number"),
    ([("init", "he")], "not one of xavier, kaiming"),
])
def test_a_value_the_program_refuses_is_an_error(pairs, message):
    with pytest.raises(ValueError, match=message):
        ex.check_options(pairs, PARAMS)
