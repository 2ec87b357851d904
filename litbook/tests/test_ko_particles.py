"""The Korean particle after a glued value agrees with how it is read."""
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "sphinxext"))
import ko_particles as kp  # noqa: E402


@pytest.mark.parametrize("value, syllable", [
    ("0", "영"), ("1", "일"), ("2", "이"), ("3", "삼"), ("4", "사"),
    ("5", "오"), ("6", "육"), ("7", "칠"), ("8", "팔"), ("9", "구"),
    ("10", "십"), ("20", "십"), ("21", "일"), ("100", "백"), ("300", "백"),
    ("110", "십"), ("1000", "천"), ("1,000", "천"), ("10000", "만"),
    ("20,000", "만"), ("1000000", "만"), ("110000", "만"), ("100000000", "억"),
    ("1000000000000", "조"), ("1024", "사"), ("4096", "육"),
])
def test_integers_read_in_sino_korean(value, syllable):
    assert kp.last_syllable(value) == syllable


@pytest.mark.parametrize("value, syllable", [
    ("0.25", "오"), ("0.1", "일"), ("0.000", "영"), ("0.36", "육"),
    ("1.50", "영"), ("3.14159", "구"), (".5", "오"), ("12.0", "영"),
])
def test_decimals_read_digit_by_digit_after_the_point(value, syllable):
    assert kp.last_syllable(value) == syllable


@pytest.mark.parametrize("value, syllable", [
    ("-3", "삼"), ("-0.41", "일"), ("−0.5", "오"), ("+2", "이"),
    ("-10", "십"),
])
def test_negatives_read_like_their_magnitude(value, syllable):
    assert kp.last_syllable(value) == syllable


@pytest.mark.parametrize("value, syllable", [
    ("12%", "트"), ("0.5 %", "트"), ("-3.2%", "트"), ("3%p", "트"),
])
def test_percentages_end_in_percent(value, syllable):
    assert kp.last_syllable(value) == syllable


@pytest.mark.parametrize("value", [
    "1.2e-05", "3E+10", "1e5", "10⁻⁵", "2⁻²³", "1.5×10⁻³", "3 x 10^-4",
])
def test_exponents_end_in_jegop(value):
    # 1.2e-05: 일 점 이 곱하기 십의 마이너스 오 제곱
    assert kp.last_syllable(value) == "곱"


@pytest.mark.parametrize("value, syllable", [
    ("12 ms", "초"), ("3.5 ns", "초"), ("1.8×", "배"), ("2.5x", "배"),
    ("nan", "난"), ("inf", "대"), ("20개", "개"), ("3배", "배"),
    ("(0.36, -0.41)", "일"), ("0.36, -0.41", "일"), ("1–3", "삼"),
    ("2장 「ReLU의 도함수」", "수"), ("5장 「투여량 신경망」", "망"),
])
def test_units_lists_and_words(value, syllable):
    assert kp.last_syllable(value) == syllable


@pytest.mark.parametrize("value, particle, expected", [
    # the sentences of issue 16
    ("0.25", "으로", "로"), ("0.25", "은", "는"), ("0.1", "와", "과"),
    ("0", "와", "과"),
    # every pair, after a consonant and after a vowel
    ("20", "는", "은"), ("2", "은", "는"),
    ("3", "가", "이"), ("5", "이", "가"),
    ("100", "를", "을"), ("0.25", "을", "를"),
    ("1000", "와", "과"), ("4", "과", "와"),
    ("10", "로", "으로"), ("9", "으로", "로"),
    ("1", "으로", "로"), ("7", "으로", "로"), ("8", "으로", "로"),
    ("0.1", "으로", "로"), ("-0.41", "으로", "로"),
    ("10000", "다", "이다"), ("2", "이다", "다"),
    ("3", "나", "이나"), ("0.25", "이나", "나"),
    ("6", "라", "이라"), ("2", "이라는", "라는"),
    ("12%", "은", "는"), ("1.2e-05", "는", "은"), ("1.2e-05", "로", "으로"),
    # what follows the particle is kept
    ("10", "로는", "으로는"), ("0.5", "와의", "와의"), ("0", "와의", "과의"),
])
def test_attach_chooses_the_form_that_agrees(value, particle, expected):
    assert kp.attach(value, particle) == expected


@pytest.mark.parametrize("value, syllable", [
    ("1.13.1", "일"), ("1.13.0a0", "영"), ("AVX2", "이"), ("avx512", "이"),
    ("SGD", "디"), ("ReLU", None), ("Processor", None),
])
def test_versions_and_names(value, syllable):
    if syllable is None:
        with pytest.raises(ValueError, match=f"'{value}'"):
            kp.last_syllable(value)
    else:
        assert kp.last_syllable(value) == syllable


def test_unknown_endings_fail_naming_the_value():
    with pytest.raises(ValueError, match="'12 furlongs'"):
        kp.last_syllable("12 furlongs")
    with pytest.raises(ValueError, match="empty"):
        kp.last_syllable("  ")


def test_a_word_that_is_not_a_changing_particle_fails():
    with pytest.raises(ValueError, match="'에서'"):
        kp.attach("3", "에서")


def test_a_copula_given_to_the_role_fails_rather_than_reading_as_subject():
    # "이고" is the copula; 이/가 + 고 would print "5가고".
    with pytest.raises(ValueError, match="copula"):
        kp.attach("5", "이고")
