"""Readability checks for easy-read text: short sentences, short or explained words, active voice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import markdown
from .config import EasyRead
from .diagnostics import WARNING, Diagnostic

CHECKS = 2  # raise when a check is added or changed, so cached findings are made again

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+|\n")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")  # letters only, so postcodes like ZX1 1AA pass
_PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being|get|gets|got)\s+(?:\w+ly\s+)?"
    r"(\w+ed|known|given|taken|seen|made|done|sent|told|paid|kept|held|shown|written|chosen|"
    r"brought|bought|found|left|put|set|heard|met|run|won|lost|built|read)\b", re.IGNORECASE)
# Past participles that follow "be" as plain adjectives in easy read.
_NOT_PASSIVE = {"interested", "worried", "tired", "excited", "scared", "bored", "supposed", "used",
                "allowed", "called", "based", "married", "qualified", "involved", "needed", "closed",
                "shed", "red", "bed", "need", "feed", "speed", "seed", "bleed", "weed"}


@dataclass(frozen=True)
class Block:
    text: str
    line: int  # 1-based file line of the block's first line
    links: tuple[tuple[str, int], ...] = ()  # each link's text and file line


def blocks(text: str, first_line: int) -> list[Block]:
    """Plain text of each paragraph, heading and list item, with its file line and links."""
    out = []
    for token in markdown.parser().parse(text):
        if token.type == "inline" and token.map:
            parts: list[str] = []
            links: list[tuple[str, int]] = []
            line, link_start = first_line + token.map[0], None
            for child in token.children or ():
                if child.type == "softbreak":
                    parts.append(" ")
                    line += 1
                elif child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type == "link_open":
                    link_start = (len(parts), line)
                elif child.type == "link_close" and link_start is not None:
                    links.append(("".join(parts[link_start[0]:]).strip(), link_start[1]))
                    link_start = None
            out.append(Block("".join(parts), first_line + token.map[0], tuple(links)))
    return out


def sentences(block: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(block) if s and _WORD.search(s)]


_SMALL_WORDS = {"and", "of", "the", "for", "in", "to", "with"}


def _explained(acronym: str, text: str) -> bool:
    """'SENCO (special...)', '(SENCO)', 'SENCO means ...', or 'EHC plan (education, health and care plan)'."""
    a = re.escape(acronym)
    if re.search(rf"\b{a}\s*\(|\(\s*{a}\s*\)|\b{a}\s+(means|stands for|is short for)\b", text):
        return True
    for inside in re.findall(r"\(([^)]*)\)", text):
        initials = "".join(w[0] for w in _WORD.findall(inside) if w.casefold() not in _SMALL_WORDS)
        if acronym.casefold() in initials.casefold():
            return True
    return False


def _spelled_out(acronym: str, text: str) -> bool:
    """Whether words next to each other in `text` begin with the acronym's letters, as in
    'education, health and care' for EHC; a word in capitals counts whole (SEND in SENDIASS)."""
    heads = [w if w.isupper() and 1 < len(w) < len(acronym) else w[0].upper()
             for w in re.findall(r"[A-Za-z]+", text) if w.casefold() not in _SMALL_WORDS]
    for start in range(len(heads)):
        joined = ""
        for head in heads[start:]:
            joined += head
            if len(joined) >= len(acronym):
                break
        if joined == acronym:
            return True
    return False


# 'SENDIASS, the free advice service', 'CAMHS: mental health help', 'IASS - advice for families'
_APPOSITION = r"\s*(?:,|:|\s[-–—])\s*(?:[A-Za-z'’-]+\s+){1,}[A-Za-z'’-]+"


def _link_explains(acronym: str, link: str, block: str) -> bool:
    """A link is often heard on its own (a screen reader's list of links), so an acronym in its
    text needs explaining in the link itself or its own paragraph; the glossary is too far away."""
    if re.search(rf"\b{re.escape(acronym)}s?{_APPOSITION}", link):
        return True
    return any(_explained(acronym, text) or _spelled_out(acronym, text) for text in (link, block))


def _acronyms(text: str):
    """(as written, without a plural 's') for each acronym in `text` that readers would not know."""
    for acronym in _ACRONYM.findall(text):
        base = acronym.removesuffix("s") if len(acronym) > 2 else acronym
        if base not in ("I", "OK", "TV"):
            yield acronym, base


@lru_cache(maxsize=1)
def _hyphenation():
    """Hyphenation points stand in for syllable breaks. The dictionary takes a moment to load,
    and only easy-read text needs it."""
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    letters = re.sub(r"[^a-z']", "", word.lower())
    return len(_hyphenation().positions(letters)) + 1 if letters else 0


def reading_ease(words: list[str], sentence_count: int) -> float:
    """Flesch reading ease: 206.835 - 1.015 x words per sentence - 84.6 x syllables per word."""
    per_sentence = len(words) / max(sentence_count, 1)
    per_word = sum(map(syllables, words)) / len(words)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def check(rel: str, field: str, text: str, first_line: int, rules: EasyRead,
          known: set[str]) -> tuple[list[Diagnostic], float | None]:
    """Warnings for one easy-read text, and its Flesch reading-ease score."""
    out: list[Diagnostic] = []
    all_blocks = blocks(text, first_line)
    plain = "\n".join(b.text for b in all_blocks)
    reported: set[str] = set()
    lines = text.splitlines()

    def warn(line: int, message: str, col: int = 1) -> None:
        out.append(Diagnostic(rel, line, col, WARNING, field, message, kind="readability"))

    sentence_count = 0
    for block in all_blocks:
        for sentence in sentences(block.text):
            sentence_count += 1
            words = _WORD.findall(sentence)
            if len(words) > rules.max_sentence_words:
                start = " ".join(words[:6])
                warn(block.line, f"sentence has {len(words)} words (easy read: at most "
                     f"{rules.max_sentence_words}); split it: '{start} ...'")
        for word in _WORD.findall(block.text):
            folded = word.casefold().strip("'’-")
            if folded in reported or folded in known or word.isupper():
                continue
            count = syllables(folded)
            if count > rules.max_syllables:
                reported.add(folded)
                warn(block.line, f"'{word}' has {count} syllables; use a shorter word, or explain it in "
                     "glossary.yaml")
        for link, line in block.links:
            for acronym, base in dict.fromkeys(_acronyms(link)):
                if not _link_explains(base, link, block.text):
                    source = lines[line - first_line] if 0 <= line - first_line < len(lines) else ""
                    at = re.search(rf"(?<!!)\[[*_`]*{re.escape(link[:1])}", source)
                    warn(line, f"link text '{link}' does not say what {acronym} is; links are often read "
                         f"out on their own, so explain it in the link, like '[{acronym}, the team that "
                         "helps with ...](...)'", at.start() + 1 if at else 1)
        for acronym, base in _acronyms(block.text):
            if base.casefold() in known or acronym in reported:
                continue
            if not _explained(base, plain):
                reported.add(acronym)
                warn(block.line, f"'{acronym}' is not explained; write what it stands for, or add "
                     "it to glossary.yaml")
        for match in _PASSIVE.finditer(block.text):
            if match.group(1).casefold() not in _NOT_PASSIVE:
                warn(block.line, f"'{match.group(0)}' may be passive; say who does it, "
                     "like 'we will send you' instead of 'you will be sent'")
    all_words = _WORD.findall(plain)
    score = reading_ease(all_words, sentence_count) if len(all_words) >= 20 else None
    if score is not None and score < rules.min_reading_ease:
        warn(first_line, f"reading ease is {score:.0f} (easy read: at least {rules.min_reading_ease}); "
             "use shorter sentences and shorter words")
    return out, score
