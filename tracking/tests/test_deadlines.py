"""Deadline expressions: recognition, ordinals, due dates and wording."""

import datetime as dt
import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from config.typography import date_text
from tracking.deadlines import (
    DeadlineExpr,
    Relation,
    describe_deadline,
    find_deadline,
    ordinal_to_int,
    resolve_due_date,
)

# --------------------------------------------------------------------------- ordinals


@pytest.mark.parametrize(
    ("word", "number"),
    [
        ("douzième", 12),
        ("Douzième", 12),
        ("douzieme", 12),
        ("vingt-cinquième", 25),
        ("vingt et unième", 21),
        ("quatre-vingt-unième", 81),
        ("quatre-vingtième", 80),
        ("soixante et onzième", 71),
        ("soixante-dix-neuvième", 79),
        ("quatre-vingt-dix-neuvième", 99),
        ("cent unième", 101),
        ("premier", 1),
        ("première", 1),
        ("twelfth", 12),
        ("Twelfth", 12),
        ("twenty-fifth", 25),
        ("eighty-first", 81),
        ("seventy-ninth", 79),
        ("one hundred and first", 101),
        ("first", 1),
        ("12th", 12),
        ("1st", 1),
        ("22nd", 22),
        ("23rd", 23),
        ("12e", 12),
        ("12ème", 12),
        ("12ᵉ", 12),
        ("1re", 1),
        ("1er", 1),
    ],
)
def test_it_reads_ordinals_in_words_and_digits_in_both_languages(word, number):
    assert ordinal_to_int(word) == number


@pytest.mark.parametrize(
    "word", ["", "session", "vingt", "twelve", "douze", "vingt premier", "x12"]
)
def test_it_rejects_words_that_are_not_ordinals(word):
    assert ordinal_to_int(word) is None


# An independent speller, to check the reader on every number up to 199.
_EN_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_IRREGULAR = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                 "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}  # fmt: skip
_FR_UNITS = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
]  # fmt: skip
_FR_TENS = ["_", "_", "vingt", "trente", "quarante", "cinquante", "soixante"]


def _english_cardinal(n: int) -> str:
    if n >= 100:
        rest = n % 100
        return "one hundred" + (f" and {_english_cardinal(rest)}" if rest else "")
    if n < 20:
        return _EN_UNITS[n]
    tens, unit = divmod(n, 10)
    return _EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else "")


def _english_ordinal(n: int) -> str:
    words = _english_cardinal(n).split(" ")
    *head, last = words[-1].split("-")
    if last in _EN_IRREGULAR:
        last = _EN_IRREGULAR[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return " ".join([*words[:-1], "-".join([*head, last])])


def _french_cardinal(n: int) -> str:
    if n >= 100:
        rest = n % 100
        return "cent" + (f" {_french_cardinal(rest)}" if rest else "")
    if n < 20:
        return _FR_UNITS[n]
    if n < 70:
        tens, unit = divmod(n, 10)
        if unit == 1:
            return f"{_FR_TENS[tens]} et un"
        return _FR_TENS[tens] + (f"-{_FR_UNITS[unit]}" if unit else "")
    if n < 80:
        return "soixante et onze" if n == 71 else f"soixante-{_FR_UNITS[n - 60]}"
    return "quatre-vingts" if n == 80 else f"quatre-vingt-{_FR_UNITS[n - 80]}"


def _french_ordinal(n: int) -> str:
    if n == 1:
        return "premier"
    words = _french_cardinal(n)
    if words.endswith("quatre-vingts"):
        return words[:-1] + "ième"
    for cardinal, ordinal in (("un", "unième"), ("cinq", "cinquième"), ("neuf", "neuvième")):
        if words.endswith(cardinal):
            return words[: -len(cardinal)] + ordinal
    return (words[:-1] if words.endswith("e") else words) + "ième"


@given(st.integers(min_value=1, max_value=199))
def test_it_reads_every_spelled_out_ordinal_up_to_199(n):
    assert ordinal_to_int(_english_ordinal(n)) == n
    assert ordinal_to_int(_french_ordinal(n)) == n
    assert ordinal_to_int(f"{n}e") == n


# --------------------------------------------------------------------------- finding


def _expr(relation, session=None, date=None, well_before=False):
    return (Relation(relation), session, date, well_before)


def _found(text, language):
    found = find_deadline(text, language)
    return None if found is None else (found.relation, found.session, found.date, found.well_before)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("bien avant sa douzième session", "fr", _expr("before", 12, well_before=True)),
        ("avant sa douzième session", "fr", _expr("before", 12)),
        ("à sa douzième session", "fr", _expr("at", 12)),
        ("lors de sa douzième session", "fr", _expr("at", 12)),
        ("at its twelfth session", "en", _expr("at", 12)),
        ("before its twelfth session", "en", _expr("before", 12)),
        ("well in advance of its twelfth session", "en", _expr("before", 12, well_before=True)),
        ("well ahead of the twelfth session", "en", _expr("before", 12, well_before=True)),
        ("well before the twelfth session", "en", _expr("before", 12, well_before=True)),
        ("prior to the 13th session", "en", _expr("before", 13)),
        ("in advance of its twelfth session", "en", _expr("before", 12)),
        ("by the end of its twelfth session", "en", _expr("by_end_of", 12)),
        ("d’ici la fin de sa douzième session", "fr", _expr("by_end_of", 12)),
        ("d'ici à la fin de la douzième session", "fr", _expr("by_end_of", 12)),
        ("by 31 March 2013", "en", _expr("before", date=dt.date(2013, 3, 31))),
        ("by March 31, 2013", "en", _expr("before", date=dt.date(2013, 3, 31))),
        ("d’ici au 31 mars 2013", "fr", _expr("before", date=dt.date(2013, 3, 31))),
        ("no later than 1 July 2013", "en", _expr("before", date=dt.date(2013, 7, 1))),
        ("au plus tard le 1er juillet 2013", "fr", _expr("before", date=dt.date(2013, 7, 1))),
        ("le 1er juillet 2013 au plus tard", "fr", _expr("before", date=dt.date(2013, 7, 1))),
        ("by the end of 2013", "en", _expr("by_end_of", date=dt.date(2013, 12, 31))),
        ("d’ici à la fin de 2013", "fr", _expr("by_end_of", date=dt.date(2013, 12, 31))),
        ("d’ici la fin de l’année 2014", "fr", _expr("by_end_of", date=dt.date(2014, 12, 31))),
        ("at its eighty-first session", "en", _expr("at", 81)),
        ("à sa quatre-vingt-unième session", "fr", _expr("at", 81)),
        ("à sa vingt et unième session", "fr", _expr("at", 21)),
        ("for consideration at its fourteenth session", "en", _expr("at", 14)),
        ("at its 12th session", "en", _expr("at", 12)),
        ("à sa 12e session", "fr", _expr("at", 12)),
        ("à sa 12ème session", "fr", _expr("at", 12)),
        ("at its resumed twelfth session", "en", _expr("at", 12)),
        ("à la reprise de sa douzième session", "fr", _expr("at", 12)),
        (
            "bien avant l’ouverture de sa douzième session",
            "fr",
            _expr("before", 12, well_before=True),
        ),
        ("dans l’ordre du jour de sa douzième session", "fr", _expr("at", 12)),
    ],
)
def test_it_recognises_deadline_expressions(text, language, expected):
    assert _found(text, language) == expected


def test_it_keeps_the_matched_words():
    text = "et de présenter un rapport à ce sujet à l’Assemblée, bien avant sa douzième session ;"
    assert find_deadline(text, "fr").text == "bien avant sa douzième session"


def test_it_returns_none_without_a_deadline():
    assert (
        find_deadline("Encourage les États à envisager la désignation d’un point focal", "fr")
        is None
    )


def test_it_ignores_a_date_given_as_context():
    text = "Exprime sa préoccupation au sujet de la détention, du 7 juin au 2 juillet 2012, de"
    assert find_deadline(text, "fr") is None


def test_it_ignores_a_past_session_reported_with_a_participle():
    text = (
        "du premier débat sur la coopération, intervenu lors de la onzième session de l’Assemblée"
    )
    assert find_deadline(text, "fr") is None
    assert find_deadline("the decision adopted at its tenth session", "en") is None


def test_it_prefers_the_requested_session_to_the_session_of_the_earlier_request():
    text = (
        "Rappelle la demande adressée à la Cour par l’Assemblée des États Parties, lors de sa "
        "dixième session, pour la prier de soumettre à l’Assemblée, à sa douzième session, un "
        "rapport actualisé sur la coopération"
    )
    assert _found(text, "fr") == _expr("at", 12)


def test_it_still_sees_a_deadline_after_a_participle_when_an_infinitive_follows():
    text = "the decision adopted at its tenth session, and to report at its eleventh session"
    assert _found(text, "en") == _expr("at", 11)


def test_a_participle_does_not_hide_a_before_deadline():
    assert _found("to report on progress made before the fourteenth session", "en") == _expr(
        "before", 14
    )


def test_it_numbers_the_next_session_when_the_current_one_is_known():
    found = find_deadline("à sa prochaine session", "fr", current_session=11)
    assert (found.relation, found.session) == (Relation.AT, 12)
    assert find_deadline("at its next session", "en").session is None


def test_it_discards_sessions_already_held_when_the_current_one_is_known():
    assert find_deadline("at its tenth session", "en", current_session=11) is None


def test_a_date_deadline_before_a_session_mention_wins():
    found = find_deadline("by 31 March 2013 and to report at its twelfth session", "en")
    assert found.date == dt.date(2013, 3, 31)


# --------------------------------------------------------------------------- resolving

START, END = dt.date(2013, 11, 20), dt.date(2013, 11, 28)


@pytest.mark.parametrize(
    ("relation", "well_before", "expected"),
    [
        (Relation.BEFORE, False, START),
        (Relation.BEFORE, True, START - dt.timedelta(days=30)),
        (Relation.AT, False, START),
        (Relation.BY_END_OF, False, END),
    ],
)
def test_it_resolves_each_relation_against_known_session_dates(relation, well_before, expected):
    due = resolve_due_date(
        relation=relation, session_start=START, session_end=END, well_before=well_before
    )
    assert due == expected


@pytest.mark.parametrize("relation", list(Relation))
def test_a_session_with_unknown_dates_gives_a_symbolic_deadline(relation):
    assert resolve_due_date(relation=relation, session_start=None, session_end=None) is None


def test_well_before_uses_the_lead_days():
    due = resolve_due_date(
        relation=Relation.BEFORE,
        session_start=START,
        session_end=END,
        well_before=True,
        well_before_lead_days=45,
    )
    assert due == dt.date(2013, 10, 6)


def test_an_explicit_date_wins():
    explicit = dt.date(2013, 3, 31)
    due = resolve_due_date(
        relation=Relation.BEFORE, session_start=START, session_end=END, explicit_date=explicit
    )
    assert due == explicit
    assert (
        resolve_due_date(
            relation=Relation.AT, session_start=None, session_end=None, explicit_date=explicit
        )
        == explicit
    )


def test_relation_accepts_its_string_value():
    assert resolve_due_date(relation="by_end_of", session_start=START, session_end=END) == END


# --------------------------------------------------------------------------- describing


def _describe(language, relation, session=None, date=None, well_before=False, start=None):
    return describe_deadline(
        relation=Relation(relation),
        session=session,
        date=date,
        well_before=well_before,
        session_start=start,
        language=language,
        date_label=functools.partial(date_text, language=language),
    )


@pytest.mark.parametrize(
    ("args", "english", "french"),
    [
        (("before", 12, None, False, START),
         "before the 12th session (20 November 2013)", "avant la 12e session (20 novembre 2013)"),
        (("before", 12, None, True, START),
         "well before the 12th session", "bien avant la 12e session"),
        (("before", 24, None, False, None),
         "before the 24th session, dates not set", "avant la 24e session, dates non fixées"),
        (("at", 12, None, False, START),
         "at the 12th session (20 November 2013)", "à la 12e session (20 novembre 2013)"),
        (("by_end_of", 12, None, False, START),
         "by the end of the 12th session", "d’ici la fin de la 12e session"),
        (("before", None, dt.date(2013, 3, 31), False, None),
         "by 31 March 2013", "d’ici le 31 mars 2013"),
        (("before", None, dt.date(2013, 7, 1), False, None),
         "by 1 July 2013", "d’ici le 1er juillet 2013"),
        (("at", 1, None, False, dt.date(2002, 9, 3)),
         "at the 1st session (3 September 2002)", "à la 1re session (3 septembre 2002)"),
        (("at", 81, None, False, None),
         "at the 81st session, dates not set", "à la 81e session, dates non fixées"),
        (("at", None, None, False, None), "at the next session", "à la prochaine session"),
    ],
)  # fmt: skip
def test_it_describes_deadlines_in_both_languages(args, english, french):
    assert _describe("en", *args) == english
    assert _describe("fr", *args) == french


def test_english_ordinal_suffixes_follow_the_teens_rule():
    for number, label in ((11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd")):
        assert _describe("en", "at", number) == f"at the {label} session, dates not set"


def test_deadline_expr_is_a_frozen_value():
    expr = DeadlineExpr(Relation.BEFORE, session=12, well_before=True, text="bien avant")
    with pytest.raises(AttributeError):
        expr.session = 13  # type: ignore[misc]
    assert expr == DeadlineExpr(Relation.BEFORE, 12, None, True, "bien avant")
