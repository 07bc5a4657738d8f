"""Reading the values directories write in many ways: ages, phone numbers, web addresses,
postcodes, dates and lists, each into the one form a service file uses."""

from __future__ import annotations

import datetime as dt
import re

MAX_AGE = 25
_NUMBER = r"(\d{1,3}(?:\.\d+)?)"
_MONTHS = r"\s*(?:months?|mths?)"


def _age(text: str, months: str | None) -> int:
    value = float(text)
    return int(value // 12) if months else int(value)


def ages(text: str) -> tuple[int, int] | None:
    """'0-25', '5 to 11 years', 'Under 5s', '16+', 'Up to 19', 'Birth to 5', 'All ages' -> (min, max)
    in whole years; None when the text gives no ages. Ages over 25 are returned as they are."""
    t = text.strip().lower().replace("–", "-").replace("—", "-")
    if not t:
        return None
    if re.fullmatch(r"(all( ages)?|any age|everyone|0\+)", t):
        return 0, MAX_AGE
    t = re.sub(r"\b(birth|newborns?|babies|pre-?birth)\b", "0", t)
    m = re.search(rf"{_NUMBER}({_MONTHS})?\s*(?:-|to|until|and)\s*{_NUMBER}({_MONTHS})?", t)
    if m:
        high_months = m.group(4)
        low_months = m.group(2) or (high_months if not re.search(r"year|yr", t[m.start():m.end()]) else None)
        return _age(m.group(1), low_months), _age(m.group(3), high_months)
    m = re.search(rf"\b(?:under|below|less than|younger than)\s*{_NUMBER}", t)
    if m:
        return 0, max(0, int(float(m.group(1))) - 1)
    m = re.search(rf"\b(?:up to|upto|to)\s*{_NUMBER}", t)
    if m:
        return 0, int(float(m.group(1)))
    m = re.search(rf"{_NUMBER}\s*(?:\+|plus|and over|and above|or over|or older)|\b(?:over|from|aged)\s*{_NUMBER}", t)
    if m:
        low = m.group(1) or m.group(2)
        return int(float(low)) + (1 if t.startswith("over") else 0), MAX_AGE
    m = re.fullmatch(rf"{_NUMBER}\s*(years?|yrs?)?( old)?s?", t)
    if m:
        return int(float(m.group(1))), int(float(m.group(1)))
    return None


def number(text) -> int | None:
    """A whole age from a cell or JSON value: '5', 5, 5.0, '5 years'; None for blank or -1."""
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, (int, float)):
        return int(text) if text >= 0 else None
    m = re.match(r"\s*(\d{1,3})", str(text))
    return int(m.group(1)) if m else None


_PHONE = re.compile(r"(?:\+|\(?0)[\d\s()\-.]{8,}\d")
_GROUPS = ((r"02", (3, 4, 4)), (r"01\d1|011\d", (4, 3, 4)), (r"01", (5, 3, 3)), (r"07", (5, 3, 3)),
           (r"0(3|8|9)", (4, 3, 4)))


def phone(text: str) -> str:
    """The first UK phone number in `text`, spaced as people read it ('01632 960 100'); '' if none.
    Accepts +44 and (0), dots, dashes and brackets, and words around it ('Tel: ... ext 2')."""
    for match in _PHONE.finditer(str(text)):
        digits = re.sub(r"\D", "", match.group(0).replace("(0)", ""))
        if match.group(0).startswith("+") and digits.startswith("44"):
            digits = "0" + digits[2:]
        elif digits.startswith("0044"):
            digits = "0" + digits[4:]
        elif digits.startswith("44") and len(digits) == 12:
            digits = "0" + digits[2:]
        if not digits.startswith("0") or len(digits) not in (10, 11):
            continue
        for prefix, groups in _GROUPS:
            if re.match(prefix, digits) and len(digits) == sum(groups):
                parts, at = [], 0
                for size in groups:
                    parts.append(digits[at:at + size])
                    at += size
                return " ".join(parts)
        return f"{digits[:5]} {digits[5:]}"
    return ""


def website(text: str) -> tuple[str, bool]:
    """A full web address, and whether https:// had to be added to a bare one."""
    t = str(text or "").strip().split()[0] if str(text or "").strip() else ""
    if not t:
        return "", False
    if re.match(r"^https?://[^\s]+\.[^\s]+$", t, re.I):
        return t, False
    if re.match(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$", t, re.I):
        return "https://" + t, True
    return "", False


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email(text: str) -> str:
    t = str(text or "").strip().removeprefix("mailto:")
    return t if _EMAIL.match(t) else ""


_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})\b")


def postcode(text: str) -> str:
    m = _POSTCODE.search(str(text or "").upper())
    return f"{m.group(1)} {m.group(2)}" if m else ""


def day(value) -> dt.date | None:
    """The date in '2024-03-01', '2024-03-01T10:00:00Z' or '01/03/2024' (UK order)."""
    t = str(value or "").strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", t) or None
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
        return dt.date(int(m[3]), int(m[2]), int(m[1])) if m else None
    except ValueError:
        return None


def split(text: str, separators: str = ";\n|") -> list[str]:
    """A cell holding several values: split on ';', new lines or '|' (and ',' when nothing else)."""
    t = str(text or "")
    pattern = "[" + re.escape(separators) + "]" if any(c in t for c in separators) else ","
    return [part.strip() for part in re.split(pattern, t) if part.strip()]


def first_sentence(text: str, limit: int = 300) -> str:
    """A summary from the start of a description: its first sentence, as plain text."""
    body = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("#"))  # not headings
    plain = re.sub(r"[#*_`>\[\]]|\((https?|mailto|tel):[^)]*\)", "", body)
    plain = " ".join(plain.split())
    m = re.match(r"(.+?[.!?])(\s|$)", plain)
    sentence = m.group(1) if m else plain
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence
