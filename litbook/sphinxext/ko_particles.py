"""Korean particles that agree with a glued value as it is read aloud.

A Korean particle has two forms, one after a syllable that ends in a
consonant (받침) and one after a vowel: 은/는, 이/가, 을/를, 과/와, 으로/로
(where a final ㄹ takes 로), 이다/다 ... The choice follows the last syllable
of the word *as read*, so for a number it is how the number is said:

    20      이십         -> 십 (ㅂ)   20은, 20과, 20으로
    0.25    영 점 이오   -> 오        0.25는, 0.25와, 0.25로
    0.1     영 점 일     -> 일 (ㄹ)   0.1은, 0.1과, 0.1로
    -3      마이너스 삼  -> 삼 (ㅁ)   -3은
    1000    천           -> 천 (ㄴ)
    12%     십이 퍼센트  -> 트        12%는
    1.2e-05 ... 제곱     -> 곱 (ㅂ)   1.2e-05은 (십의 마이너스 오 제곱)

``last_syllable(text)`` gives the syllable a value ends with when read;
``attach(text, particle)`` returns the particle in the form that agrees
(the author may write either form). A value whose ending cannot be read
(an unknown unit, say) raises ``ValueError`` naming it, so the build fails
instead of guessing.
"""
import re

DIGITS = "영일이삼사오육칠팔구"
# Powers of ten below 10^4 as read (십, 백, 천), then the groups of 10^4.
SMALL_UNITS = {1: "십", 2: "백", 3: "천"}
GROUP_UNITS = ["", "만", "억", "조", "경"]
# Latin capitals as read in an acronym (SGD: 에스지디).
LETTERS = ("에이 비 씨 디 이 에프 지 에이치 아이 제이 케이 엘 엠 엔 오 피 큐 알 "
           "에스 티 유 브이 더블유 엑스 와이 제트").split()

# How the end of a value is read when it is not a digit: units and signs
# after the number, and the words a program may print for special values.
# Longest first, matched case-sensitively at the end of the value.
SUFFIX_READINGS = {
    "%": "퍼센트",
    "%p": "퍼센트포인트",
    "‰": "퍼밀",
    "×": "배",
    "x": "배",
    "배": "배",
    "ns": "나노초",
    "µs": "마이크로초",
    "us": "마이크로초",
    "ms": "밀리초",
    "s": "초",
    "B": "바이트",
    "KB": "킬로바이트",
    "KiB": "키비바이트",
    "MB": "메가바이트",
    "MiB": "메비바이트",
    "GB": "기가바이트",
    "GiB": "기비바이트",
    "GHz": "기가헤르츠",
    "ulp": "울프",
    "ULP": "울프",
    "nan": "난",
    "NaN": "난",
    "inf": "무한대",
    "∞": "무한대",
}

# Particles: (form after a consonant, form after a vowel). Longest first so
# that "으로서" is not read as "으로" + "서".
PAIRS = [
    ("으로서", "로서"), ("으로써", "로써"), ("으로", "로"),
    ("이라고", "라고"), ("이라는", "라는"), ("이라", "라"),
    ("이나", "나"), ("이다", "다"), ("이며", "며"), ("이랑", "랑"),
    ("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"),
]
# The copula keeps its 이 after a vowel too (0.25이고, 0.25입니다): written
# after the role, not given to it, so that "이고" is not read as 이/가 + 고.
SUBJECT = ("이", "가")
RIEUL = 8  # index of final ㄹ among the 28 finals (0 = no final consonant)

_NUMBER = re.compile(r"(?P<int>[0-9][0-9,]*)?(?:\.(?P<frac>[0-9]+))?$")
# A power of ten ends the value: 1.2e-05, 3E+10, 10⁻⁵, 3×10^-4.
_EXPONENT = re.compile(r"(?:(?<=[0-9.])[eE][-+−]?[0-9]+|\^[-+−]?[0-9]+"
                       r"|[⁰¹²³⁴⁵⁶⁷⁸⁹])$")


def final_index(syllable):
    """The final consonant of a Hangul syllable: 0 for none, 8 for ㄹ."""
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        raise ValueError(f"'{syllable}' is not a Hangul syllable")
    return code % 28


def read_integer(digits):
    """The last syllable of a non-negative integer read in Sino-Korean."""
    n = int(digits)
    if n == 0:
        return "영"
    power = 0
    while n % 10 == 0:
        n //= 10
        power += 1
    if power == 0:
        return DIGITS[n % 10]
    if power < 4:
        return SMALL_UNITS[power]
    group = power // 4
    if group >= len(GROUP_UNITS):
        raise ValueError(f"'{digits}' is too large to read")
    return GROUP_UNITS[group]


def read_plain_number(text):
    """The last syllable of an unsigned number such as 12, 0.250 or 1,000;
    ``None`` when ``text`` is not one."""
    m = _NUMBER.match(text)
    if not m or not (m.group("int") or m.group("frac")):
        return None
    if m.group("frac"):
        return DIGITS[int(m.group("frac")[-1])]  # read digit by digit
    return read_integer(m.group("int").replace(",", ""))


def last_syllable(text):
    """The last syllable of ``text`` as read aloud in Korean."""
    s = text.strip()
    if not s:
        raise ValueError("an empty value has no reading")
    if 0xAC00 <= ord(s[-1]) < 0xAC00 + 11172:
        return s[-1]
    for suffix in sorted(SUFFIX_READINGS, key=len, reverse=True):
        if s.endswith(suffix):
            head = s[:-len(suffix)].rstrip()
            # A unit reads after its number; alone it is a word of its own.
            if head == "" or head[-1] in "0123456789.⁰¹²³⁴⁵⁶⁷⁸⁹∞" \
                    or suffix in ("nan", "NaN", "inf", "∞"):
                return SUFFIX_READINGS[suffix][-1]
    # Closing brackets and quotes are not read: 「ReLU의 도함수」 ends in 수.
    if s[-1] in ")]}」』”’\"'":
        inner = s[:-1].rstrip()
        return last_syllable(inner)
    if _EXPONENT.search(s):
        return "곱"  # 1.2e-05: 일 점 이 곱하기 십의 마이너스 오 제곱
    # The last number of a list or range ("0.36, -0.41", "1–3") is read last.
    # A comma before three digits groups thousands (1,000).
    tail = re.split(r"[\s~–(\[]+|,(?![0-9]{3}(?![0-9]))|(?<=[0-9])-(?=[0-9])",
                    s)[-1]
    tail = tail.lstrip("+-−")
    reading = read_plain_number(tail)
    if reading is None:
        # Digits after letters or a second point: a version or a name
        # (1.13.1, AVX2, avx512), whose last number is read as one.
        digits = re.search(r"[0-9]+$", tail)
        if digits:
            reading = read_integer(digits.group())
        elif re.fullmatch(r"[A-Z]+", tail):
            reading = LETTERS[ord(tail[-1]) - ord("A")][-1]  # an acronym
    if reading is None:
        raise ValueError(f"cannot tell how '{text}' is read in Korean "
                         "(add its ending to ko_particles.SUFFIX_READINGS)")
    return reading


def split_particle(particle):
    """``(pair, rest)`` for a particle written in either form, followed by
    anything (``"으로는"`` -> (("으로", "로"), "는"))."""
    best = None
    for pair in PAIRS:
        for form in pair:
            if particle.startswith(form) and (best is None or
                                              len(form) > len(best[1])):
                best = (pair, form)
    if best is None:
        known = ", ".join("/".join(p) for p in PAIRS)
        raise ValueError(f"'{particle}' does not start with a particle "
                         f"that changes with the word before it ({known})")
    pair, form = best
    rest = particle[len(form):]
    if pair == SUBJECT and rest:
        raise ValueError(f"'{particle}' reads as the subject particle 이/가 "
                         f"followed by '{rest}'; a copula (이고, 이면, "
                         "입니다 ...) does not change: write it after the "
                         "value, outside the role")
    return pair, rest


def choose(syllable, pair):
    """The form of ``pair`` that follows ``syllable``."""
    after_consonant, after_vowel = pair
    final = final_index(syllable)
    if final == 0:
        return after_vowel
    if final == RIEUL and after_consonant.startswith("으로"):
        return after_vowel  # 일로, 칠로, 팔로
    return after_consonant


def attach(text, particle):
    """The particle (written in either form, with anything after it) in
    the form that agrees with ``text`` as read."""
    pair, rest = split_particle(particle)
    return choose(last_syllable(text), pair) + rest
