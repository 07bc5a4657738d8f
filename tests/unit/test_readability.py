"""Easy-read checks report file:line warnings an editor can act on."""

from localoffer_ssg.config import EasyRead
from localoffer_ssg.readability import check

RULES = EasyRead(max_sentence_words=15, max_syllables=3, min_reading_ease=70)
TEXT = """We help you **talk**.

This very long sentence has far too many words in it for a young person to read in one go easily.

You will be sent a letter.

Ask your SENCO about an independent assessment.

An EHC plan (education, health and care plan) says what help you get.
"""


def _messages(text=TEXT, known=frozenset()):
    diags, score = check("content/x.easy.md", "", text, 5, RULES, set(known))
    return [f"{d.line}: {d.message}" for d in diags], score


def test_each_rule_reports_its_line():
    messages, _ = _messages()
    assert messages[0].startswith("7: sentence has 21 words (easy read: at most 15); split it: 'This very long sentence has far ...'")
    assert "9: 'be sent' may be passive; say who does it" in messages[1]
    assert messages[2:] == [
        "11: 'independent' has 4 syllables; use a shorter word, or explain it in glossary.yaml",
        "11: 'SENCO' is not explained; write what it stands for, or add it to glossary.yaml",
        "13: 'education' has 4 syllables; use a shorter word, or explain it in glossary.yaml",
    ]


def test_glossary_words_are_allowed():
    messages, _ = _messages(known={"senco", "independent"})
    assert not any("SENCO" in m or "independent" in m for m in messages)


def test_explained_acronym_is_fine():
    messages, _ = _messages()
    assert not any("'EHC'" in m for m in messages)


def test_reading_ease_is_scored_and_low_scores_warn():
    hard = ("Consideration of multidisciplinary assessments necessitates comprehensive documentation "
            "regarding educational provision. ") * 3
    messages, score = _messages(hard, known=set())
    assert score is not None and score < 70
    assert any(m.startswith("5: reading ease is") for m in messages)
    _, easy = _messages("We help you. " * 10)
    assert easy > 90


def test_adjectives_after_be_are_not_passive():
    messages, _ = _messages("I am worried. We are closed on Monday.\n")
    assert messages == []
