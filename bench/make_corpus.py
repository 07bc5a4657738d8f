#!/usr/bin/env python3
"""Write a deterministic site root with N realistic services and 50 pages.

    python bench/make_corpus.py N OUT [--hugo HUGO_OUT]

Services use every optional field, with Markdown lists, links and headings of varied length.
With --hugo, also write an equivalent Hugo site from the same corpus, for side-by-side timing."""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TOWNS = ["Brackenford", "Eldermere", "Haddon Cross", "Kestrel Bay", "Wyndham Heath"]
KINDS = ["Play Club", "Speech Therapy Drop-in", "Short Breaks Scheme", "Youth Group", "Parent Support Group",
         "Swimming Sessions", "Sensory Room", "Holiday Club", "Advice Service", "Travel Training",
         "Supported Internship", "College Course", "Counselling Service", "Sleep Clinic", "Homework Club"]
THEMES = ["early-years", "education", "health", "social-care", "leisure", "preparing-for-adulthood",
          "money-housing-travel", "ehc-plans", "information-and-support"]
NEEDS = ["communication-and-interaction", "cognition-and-learning", "social-emotional-mental-health",
         "sensory-physical"]
COVERS = ["education-health-care-provision", "identifying-and-assessing", "other-education", "training",
          "travel", "transitions-and-adulthood", "information-advice-support"]
SENTENCES = [
    "We help children and young people with special educational needs and disabilities.",
    "Our staff are trained to support autistic young people and those with ADHD.",
    "Sessions are small, calm and friendly, with a quiet space if you need a break.",
    "Parents and carers are welcome to stay for the first visit.",
    "We work closely with schools, health visitors and the SENCO.",
    "You do not need an EHC plan to use this service.",
    "We can arrange an interpreter or British Sign Language support if you ask in advance.",
    "Our building has step-free access and an accessible toilet.",
    "We offer short breaks so that families can have a rest.",
    "Young people can learn skills for work, travel and independent living.",
]


def _paragraphs(rng: random.Random, ids: list[str], pages: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(1, 5)):
        parts.append(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 6))))
    if rng.random() < 0.6:
        parts.append("\n".join(f"- {rng.choice(SENTENCES)}" for _ in range(rng.randint(2, 6))))
    if rng.random() < 0.4:
        parts.append(f"### What to expect\n\n{rng.choice(SENTENCES)}")
    if ids and rng.random() < 0.5:
        other = rng.choice(ids)
        parts.append(f"You may also like [this service](/services/{other}/) or [our guide](/{rng.choice(pages)}/).")
    return "\n\n".join(parts) + "\n"


def service(rng: random.Random, number: int, ids: list[str], pages: list[str]) -> tuple[str, dict]:
    town = rng.choice(TOWNS)
    kind = rng.choice(KINDS)
    name = f"{town} {kind} {number}"
    low = rng.randint(0, 20)
    record = {
        "name": name,
        "summary": f"{kind} in {town} for children and young people with SEND.",
        "description": _paragraphs(rng, ids, pages),
        "themes": sorted(rng.sample(THEMES, rng.randint(1, 3))),
        "age_range": {"min": low, "max": rng.randint(low, 25)},
        "contact": {"name": f"{kind} team", "phone": f"01632 960 {rng.randint(0, 999):03d}",
                    "email": f"service{number}@example.org", "website": f"https://service{number}.example.org/"},
        "last_reviewed": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
        "organisation": rng.choice(["Exampleshire County Council", "Exampleshire NHS Trust", "Local charity"]),
        "needs": sorted(rng.sample(NEEDS, rng.randint(1, 4))),
        "eligibility": "Children and young people who live in Exampleshire.\n",
        "how_to_access": "Phone or email us. You can refer yourself.\n",
        "cost": {"free": rng.random() < 0.7, "details": "Ask us about costs."},
        "locations": [{"name": f"{town} Centre", "address": f"{rng.randint(1, 99)} High Street, {town}",
                       "postcode": f"ZX{rng.randint(1, 9)} {rng.randint(1, 9)}AB",
                       "accessibility": ["step-free access", "accessible toilet"],
                       "latitude": 51.5, "longitude": -1.2}],
        "hours": "Monday to Friday, 9am to 5pm",
        "languages": ["English"],
        "areas": [town.lower().replace(" ", "-")],
        "covers": sorted(rng.sample(COVERS, rng.randint(0, 2))),
        "keywords": ["support", kind.split()[0].lower()],
    }
    if rng.random() < 0.05:
        record["easy_read"] = "We help you.\n\nCall us to find out more.\n"
    return f"service-{number:06d}", record


def write_corpus(n: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "services").mkdir(parents=True)
    (out / "content").mkdir()
    # The example's settings in English only: the Hugo copy it is timed against has one language.
    settings = (REPO / "site.toml").read_text("utf-8")
    (out / "site.toml").write_text(re.sub(r"^\[\[languages\]\]\n(?:(?!\[).*\n?)*", "", settings, flags=re.M), "utf-8")
    pages = [f"guide-{i:02d}" for i in range(50)]
    ids: list[str] = []
    for number in range(n):
        sid, record = service(rng, number, ids, pages)
        text = yaml.dump(record, Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=100)
        (out / "services" / f"{sid}.yaml").write_text(text, "utf-8")
        ids.append(sid)
    (out / "content" / "index.md").write_text("---\ntitle: Exampleshire Local Offer\n---\nWelcome.\n")
    for i, slug in enumerate(pages):
        body = _paragraphs(rng, ids[:50], pages)
        (out / "content" / f"{slug}.md").write_text(
            f"---\ntitle: Guide {i}\nsummary: A guide for families.\nthemes: [{rng.choice(THEMES)}]\n"
            f"order: {i}\n---\n## About this guide\n\n{body}", "utf-8")


def write_hugo(corpus: Path, out: Path) -> None:
    """An equivalent Hugo site: the same records as Markdown with front matter, similar layouts."""
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "services").mkdir(parents=True)
    (out / "layouts" / "_default").mkdir(parents=True)
    (out / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Local Offer"\n'
                                   'disableKinds = ["RSS"]\n[taxonomies]\n  theme = "themes"\n')
    for path in sorted((corpus / "services").glob("*.yaml")):
        record = yaml.load(path.read_text("utf-8"), Loader=LOADER)
        body = record.pop("description")
        front = {"title": record["name"], **record}
        (out / "content" / "services" / f"{path.stem}.md").write_text(
            "---\n" + yaml.dump(front, Dumper=DUMPER, sort_keys=False) + "---\n" + body, "utf-8")
    base = ('<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
            '</head><body><header><a href="/">Local Offer</a><form action="/search/"><input name="q">'
            '</form></header><main>{{ block "main" . }}{{ end }}</main><footer>Contact us</footer></body></html>')
    (out / "layouts" / "_default" / "baseof.html").write_text(base)
    (out / "layouts" / "_default" / "single.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>{{ .Content }}'
        '<h2>Who it is for</h2><p>{{ .Params.age_range.min }} to {{ .Params.age_range.max }}</p>'
        '{{ with .Params.eligibility }}{{ . | markdownify }}{{ end }}<h2>How to get it</h2>'
        '{{ with .Params.how_to_access }}{{ . | markdownify }}{{ end }}<h2>Contact</h2>'
        '<p>{{ .Params.contact.phone }} {{ .Params.contact.email }}</p>{{ end }}')
    (out / "layouts" / "_default" / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
        '{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--hugo", type=Path, help="also write an equivalent Hugo site here")
    args = parser.parse_args()
    write_corpus(args.n, args.out)
    if args.hugo:
        write_hugo(args.out, args.hugo)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
