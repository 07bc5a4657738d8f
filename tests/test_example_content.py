"""The example Local Offer's facts agree across pages, service records and easy read, and say what
the law says: a caseworker reading it should find no contradiction to point at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from localoffer_ssg import readability
from localoffer_ssg.config import load_config
from localoffer_ssg.glossary import Glossary

from .conftest import REPO

ROOT = REPO
SERVICE_TEXT = ("name", "summary", "description", "eligibility", "how_to_access", "hours", "easy_read")

# Each document the law says the Local Offer must publish: the words pages use for it, its page,
# and the statutory checklist topics the page must list in `covers:`.
DOCUMENTS = [
    ("short breaks services statement", "/short-breaks-services-statement/", {"education-health-care-provision"}),
    ("personal budgets policy", "/ehc-plans/personal-budgets-policy/", {"education-health-care-provision"}),
    ("ordinarily available provision", "/ordinarily-available-provision/", {"identifying-and-assessing"}),
    ("post-16 transport policy statement", "/post-16-transport-policy-statement/", {"travel"}),
]

# Facts that must read the same in every file that states them: (what, exact text, files).
SAME_FACT = [
    ("post-16 travel contribution", "£450", ["content/travel-assistance.md", "content/travel-assistance.easy.md",
                                              "services/home-to-school-travel-assistance.yaml",
                                              "content/post-16-transport-policy-statement.md"]),
    ("SENDIASS helpline", "01632 960 250", ["services/exampleshire-sendiass.yaml",
                                            "content/information-advice-support.md",
                                            "content/information-advice-support.easy.md"]),
    ("SENDIASS text number", "07700 900 251", ["services/exampleshire-sendiass.yaml",
                                               "content/information-advice-support.md",
                                               "content/information-advice-support.easy.md"]),
    ("bladder and bowel service phone", "01632 960 540", ["services/childrens-bladder-and-bowel-service.yaml",
                                                          "content/health-services.md"]),
]

# What the law says, as words a page must contain (or must not): (file, pattern, source).
MUST_SAY = [
    ("content/preparing-for-adulthood.md", r"### Age 16\n(?:(?!###).)*mental capacity", "Mental Capacity Act 2005 s.2(5)"),
    ("content/preparing-for-adulthood.easy.md", r"best for you", "Mental Capacity Act 2005 s.1"),
    ("content/travel-assistance.md", r"reasonably be expected to go with", "DfE travel to school guidance 2024"),
    ("content/complaints-and-disagreements.md", r"First-tier Tribunal \(Special Educational Needs and Disability\)", "CFA 2014 s.51"),
    ("content/complaints-and-disagreements.md", r"refuse to carry out a re-assessment", "CFA 2014 s.51(2)"),
    ("content/complaints-and-disagreements.md", r"recommendations about health and social care", "SEND Tribunal recommendations power 2017"),
    ("content/complaints-and-disagreements.md", r"section 26 of the Children Act 1989", "Children Act 1989 s.26"),
    ("content/social-care.md", r"section 17 of the Children Act 1989", "Children Act 1989 s.17(10)"),
    ("content/ehc-plans/annual-reviews.md", r"[Mm]iddle to secondary", "SEND Regulations 2014 reg. 2"),
    ("content/moving-between-phases.md", r"[Mm]iddle to secondary", "SEND Regulations 2014 reg. 2"),
    ("content/ehc-plans/annual-reviews.md", r"must be within 8 weeks", "SEND Regulations 2014 reg. 22"),
    ("content/ehc-plans/needs-assessment.md", r"must send their advice within 6 weeks", "SEND Regulations 2014 reg. 8"),
    ("services/medical-needs-teaching-service.yaml", r"15 school days", "DfE health needs guidance 2023"),
    ("services/medical-needs-teaching-service.yaml", r"full-time", "DfE health needs guidance 2023"),
    ("content/health-services.md", r"legal right to a personal wheelchair budget", "NHS personal wheelchair budgets"),
    ("services/calderbridge-regional-wheelchair-service.yaml", r"legal right", "NHS personal wheelchair budgets"),
]
MUST_NOT_SAY = [
    ("content/social-care.md", r"to stay safe and healthy", "a child in need is defined by health, development and disability"),
    ("content/ehc-plans/needs-assessment.md", r"- a nursery, school or college", "only a school or post-16 institution may request (s.36(1))"),
    ("content/sen-support.md", r"expected to:\n\n?(?:- .*\n)*- publish an SEN information report", "the duty is on schools (s.69)"),
    ("services/medical-needs-teaching-service.yaml", r"[Ww]e need medical evidence", "education must not wait for specialist evidence"),
    ("content/ehc-plans/index.md", r"should take no more than 20 weeks", "the 20 weeks is a legal limit (reg. 13)"),
]

# Words that are short but hard: an easy-read page that uses one must explain it in the glossary.
HARD_SHORT_WORDS = ["draft", "senior officer", "panel", "hear your case", "adult social care", "working days",
                    "Ombudsman", "tribunal", "mediation", "advocate", "appeal", "assessment", "referral",
                    "direct payment", "personal budget", "transition"]

TEXTING = re.compile(r"\btext (?:us|them)\b|\bsend a \**text|\bor \**text\b(?! chat)|\bby text\b|, text or\b|\btext or\b", re.I)
MOBILE = re.compile(r"\b07\d{3} ?\d{3} ?\d{3}\b")
RANGE = re.compile(r"\b(\d{1,2}) to (\d{1,2})\b")


def _page(rel: str) -> tuple[dict, str]:
    text = (ROOT / rel).read_text("utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _service(rel: str) -> dict:
    return yaml.safe_load((ROOT / rel).read_text("utf-8"))


def _service_fields(data: dict) -> list[str]:
    fields = [data[k] for k in SERVICE_TEXT if data.get(k)]
    return fields + [data.get("cost", {}).get("details", "")]


def _pages() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "content").rglob("*.md"))


def _services() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "services").glob("*.yaml") if p.stem.count(".") == 0)


def _texts(rel: str) -> list[str]:
    """The prose of one file, as separate texts (a page's body; each text field of a record)."""
    if rel.endswith(".md"):
        return [_page(rel)[1]]
    if rel == "you-said-we-did.yaml":
        return [f"{i['you_said']}\n\n{i['we_did']}" for y in _service(rel) for i in y["items"]]
    return _service_fields(_service(rel))


def _blocks(text: str) -> list[str]:
    return [b for b in re.split(r"\n\s*\n|\n(?=- |\d+\. |\|)", text) if b.strip()]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


def _easy_read_texts() -> list[tuple[str, str]]:
    texts = [(rel, _page(rel)[1]) for rel in _pages() if rel.endswith(".easy.md")]
    texts += [(rel, _service(rel)["easy_read"]) for rel in _services() if _service(rel).get("easy_read")]
    return texts


def _glossary() -> Glossary:
    return Glossary.from_data(yaml.safe_load((ROOT / "glossary.yaml").read_text("utf-8")))


# --- one SENDIASS, one age range ---------------------------------------------------------------

def _about_sendiass(text: str) -> list[str]:
    """Sentences that mention SENDIASS, and every sentence under a heading that does."""
    out, heading_level = [], None
    for line in text.splitlines():
        heading = re.match(r"(#+) ", line)
        if heading:
            level = len(heading.group(1))
            if heading_level is not None and level <= heading_level:
                heading_level = None
            if heading_level is None and "SENDIASS" in line:
                heading_level = level
            continue
        for sentence in _sentences(line):
            if heading_level is not None or "SENDIASS" in sentence:
                out.append(sentence)
    return out


def test_sendiass_has_one_age_range_everywhere():
    record = _service("services/exampleshire-sendiass.yaml")
    low, high = record["age_range"]["min"], record["age_range"]["max"]
    wrong = []
    for rel in _pages() + ["services/exampleshire-sendiass.yaml"]:
        for text in _texts(rel):
            sentences = _sentences(text) if rel.endswith(".yaml") else _about_sendiass(text)
            for sentence in sentences:
                ranges = [(int(a), int(b)) for a, b in RANGE.findall(sentence)]
                ranges += [(low, int(b)) for b in re.findall(r"\bup to (?:age )?(\d{1,2})\b", sentence)]
                wrong += [(rel, sentence) for a, b in ranges if b != high or a < low]
    assert wrong == [], f"SENDIASS helps ages {low} to {high} (its record); these say otherwise"


# --- travel after 16 -----------------------------------------------------------------------------

TRAVEL_FILES = ["content/travel-assistance.md", "content/travel-assistance.easy.md",
                "services/home-to-school-travel-assistance.yaml", "content/post-16-transport-policy-statement.md"]
CHARGE = re.compile(r"contribution|£450", re.I)
NO_CHARGE = re.compile(r"\bno contribution\b|\bnot pay\b|\bwithout a contribution\b", re.I)


def _with_age(text: str, says: re.Pattern, unless: re.Pattern | None = None):
    """(sentence, the age range it speaks of) for each sentence matching `says`; a sentence without
    its own range speaks of the last range before it (in a heading too), as a reader would take it."""
    current = None
    for sentence in _sentences(text):
        ranges = [(int(a), int(b)) for a, b in RANGE.findall(sentence) if int(b) <= 25]
        if says.search(sentence) and not (unless and unless.search(sentence)):
            yield sentence, ranges[-1] if ranges else current
        current = ranges[-1] if ranges else current


@pytest.mark.parametrize("rel", TRAVEL_FILES + ["you-said-we-did.yaml"])
def test_a_travel_contribution_is_only_ever_for_16_to_18(rel):
    wrong = [(s, age) for text in _texts(rel) for s, age in _with_age(text, CHARGE, NO_CHARGE)
             if age is None or age[0] < 16 or age[1] > 18]
    assert wrong == [], ("a contribution can apply to students aged 16 to 18 (post-16 transport policy "
                         "statement); travel the council considers necessary for 19 to 25 year olds with an "
                         "EHC plan is free (Education Act 1996 s.508F)")


@pytest.mark.parametrize("rel", TRAVEL_FILES)
def test_necessary_travel_for_19_to_25_is_said_to_be_free(rel):
    free = [s for text in _texts(rel) for s, age in _with_age(text, re.compile(r"\bfree\b"))
            if age == (19, 25)]
    assert free, f"{rel} must say that necessary travel for 19 to 25 year olds with an EHC plan is free"


@pytest.mark.parametrize("what,value,files", SAME_FACT, ids=[f[0] for f in SAME_FACT])
def test_a_fact_reads_the_same_in_every_file_that_states_it(what, value, files):
    missing = [rel for rel in files if value not in (ROOT / rel).read_text("utf-8")]
    assert missing == [], f"{what} is {value}; these files do not say so"


# --- documents the law says must be published -------------------------------------------------

@pytest.mark.parametrize("phrase,url,covers", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_each_required_document_is_a_page_listed_under_its_topics(phrase, url, covers):
    rel = "content" + url.rstrip("/") + ".md"
    assert (ROOT / rel).is_file(), f"{phrase} must be published as a page at {url}"
    front, body = _page(rel)
    assert covers <= set(front.get("covers", [])), f"{rel}: covers: should include {sorted(covers)}"
    assert "for a copy" not in body.lower().split("print this page")[0]


@pytest.mark.parametrize("phrase,url,covers", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_each_mention_of_a_required_document_links_to_it(phrase, url, covers):
    own = "content" + url.rstrip("/") + ".md"
    unlinked = []
    for rel in _pages() + _services():
        if rel == own:
            continue
        for text in _texts(rel):
            unlinked += [(rel, b.strip()[:80]) for b in _blocks(text) if phrase in b.lower()
                         and not b.lstrip().startswith("#") and f"]({url})" not in b]
    for year in _service("you-said-we-did.yaml"):
        unlinked += [("you-said-we-did.yaml", i["we_did"][:80]) for i in year["items"]
                     if phrase in i["we_did"].lower() and i.get("link") != url]
    assert unlinked == [], f"mentions of the {phrase} must link to {url}"


# --- easy read ------------------------------------------------------------------------------------

def test_every_long_word_in_easy_read_is_in_the_glossary():
    rules = load_config(ROOT).easy_read
    known = _glossary().words()
    long_words = []
    for rel, text in _easy_read_texts():
        found, _ = readability.check(rel, "easy_read", text, 1, rules, known)
        long_words += [f"{rel}: {d.message}" for d in found if "syllables" in d.message]
    assert long_words == []


@pytest.mark.parametrize("word", HARD_SHORT_WORDS)
def test_hard_short_words_in_easy_read_are_explained_in_the_glossary(word):
    glossary, pattern = _glossary(), re.compile(rf"\b{re.escape(word)}s?\b", re.I)
    unexplained = []
    for rel, text in _easy_read_texts():
        if pattern.search(text.replace("**", "")):
            forms = [f for e in glossary.used_in(text.replace("**", "")) for f in e.forms]
            if not any(pattern.search(f) for f in forms):
                unexplained.append(rel)
    assert unexplained == [], f"'{word}' is used in easy read with no glossary entry"


def test_each_ombudsman_has_its_own_glossary_entry():
    entries = [e for e in _glossary().entries if "ombudsman" in " ".join(e.forms).lower()]
    assert {e.term for e in entries} >= {"Local Government and Social Care Ombudsman",
                                         "Parliamentary and Health Service Ombudsman"}
    merged = [e.term for e in entries if re.search(r"council", e.meaning, re.I) and "NHS" in e.meaning]
    assert merged == [], "one entry describes both Ombudsmen"


def test_easy_read_rules_are_for_its_readers_ages():
    low = int(re.search(r"aged (\d+) to \d+", _page("content/index.easy.md")[1]).group(1))
    too_young = [(rel, m.group(0)) for rel, text in _easy_read_texts()
                 for m in re.finditer(r"\b(?:under (\d{1,2})|aged (\d{1,2}) or over)\?", text, re.I)
                 if int(m.group(1) or m.group(2)) < low]
    assert too_young == [], f"easy read is for readers aged {low} and over"


# --- what the law says ----------------------------------------------------------------------------

@pytest.mark.parametrize("rel,pattern,source", MUST_SAY, ids=[f"{r}:{s}" for r, _, s in MUST_SAY])
def test_pages_say_what_the_law_says(rel, pattern, source):
    assert re.search(pattern, (ROOT / rel).read_text("utf-8"), re.S), f"{rel} should follow {source}"


@pytest.mark.parametrize("rel,pattern,why", MUST_NOT_SAY, ids=[r for r, _, _ in MUST_NOT_SAY])
def test_pages_do_not_say_what_the_law_does_not(rel, pattern, why):
    assert not re.search(pattern, (ROOT / rel).read_text("utf-8")), f"{rel}: {why}"


def test_the_31_march_date_is_only_for_post_16_institutions():
    """Regulation 18's 31 March is for a move to a post-16 institution, which a school sixth form is not."""
    wrong = []
    for rel in ("content/ehc-plans/annual-reviews.md", "content/moving-between-phases.md"):
        for row in re.findall(r"^\|(.*)\|$", (ROOT / rel).read_text("utf-8"), re.M):
            cells = [c.strip() for c in row.split("|")]
            if "sixth form" in cells[0] and "31 March" in row and "aim" not in row:
                wrong.append((rel, cells[0]))
    assert wrong == []


def test_texting_is_only_offered_with_a_number_to_text():
    silent = []
    for rel in _pages() + _services():
        whole = "\n".join(_texts(rel))
        if TEXTING.search(whole) and not MOBILE.search(whole):
            silent.append(rel)
    assert silent == []


@pytest.mark.parametrize("record,heading", [
    ("services/childrens-speech-and-language-therapy.yaml", "## Speech and language therapy"),
    ("services/childrens-physiotherapy.yaml", "## Physiotherapy"),
])
def test_health_page_and_record_agree_who_can_refer(record, heading):
    body = _page("content/health-services.md")[1]
    section = body.split(heading, 1)[1].split("\n## ", 1)[0]
    route = _service(record)["how_to_access"]
    assert "under 5" in route and "under 5" in section, "parents of under 5s can refer, in both"
    for who in ("GP", "school"):
        assert (who in route) == (who in section), f"{who} refers in one and not the other"
