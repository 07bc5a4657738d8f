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


LINKS = """Get free advice from [SENDIASS](/services/sendiass/). We are kind.

Ask the [EHC plan team](/ehc/). An EHC plan (education, health and care plan) says what help you get.

Read about [SENDIASS, the free advice service](/services/sendiass/) or
![A phone](phone) phone [IASS](/services/iass/) today.

Ask your [Special Educational Needs Co-ordinator](/senco/) or [CAMHS (the team for mental health)](/camhs/).
"""


def _link_warnings(known=frozenset({"sendiass", "camhs", "iass", "nhs", "ehc", "senco"})):
    diags, _ = check("content/x.easy.md", "", LINKS, 5, RULES, set(known))
    return [(d.line, d.col, d.message) for d in diags if "link text" in d.message]


def test_acronym_in_link_text_must_be_explained_even_when_in_the_glossary():
    found = _link_warnings()
    assert [(line, col) for line, col, _ in found] == [(5, 22), (10, 25)]
    assert found[0][2] == ("link text 'SENDIASS' does not say what SENDIASS is; links are often read out on "
                           "their own, so explain it in the link, like '[SENDIASS, the team that helps "
                           "with ...](...)'")
    assert "'IASS'" in found[1][2]


def test_link_acronym_explained_in_the_link_or_its_paragraph_is_fine():
    messages = " ".join(m for _, _, m in _link_warnings())
    for fine in ("EHC plan team", "SENDIASS, the free advice service", "CAMHS (the team", "Co-ordinator"):
        assert fine not in messages
