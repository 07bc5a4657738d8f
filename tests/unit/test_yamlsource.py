import pytest
import yaml

from localoffer_ssg.yamlsource import parse_yaml


def test_values_keep_their_line_and_column():
    located, diags = parse_yaml("name: X\nage_range:\n  min: 3\n  max: 30\n", "s.yaml")
    assert diags == []
    pos = located.value_pos(("age_range", "max"))
    assert (pos.line, pos.col) == (4, 8)


def test_block_scalar_text_starts_on_the_next_line():
    located, _ = parse_yaml("description: |\n  First line\n", "s.yaml")
    assert located.value_pos(("description",)).text_line == 2


def test_duplicate_key_is_reported_with_both_lines():
    _, diags = parse_yaml("name: A\nsummary: B\nname: C\n", "s.yaml")
    assert [str(d) for d in diags] == [
        "s.yaml:3:1: error: name: appears twice (first on line 1); keep only one"]


def test_nested_duplicate_key_names_the_full_field():
    _, diags = parse_yaml("cost:\n  free: true\n  free: false\n", "s.yaml")
    assert diags[0].field == "cost.free" and diags[0].line == 3


def test_dates_stay_text_so_bad_dates_are_field_errors():
    located, diags = parse_yaml("last_reviewed: 2026-02-30\n", "s.yaml")
    assert diags == [] and located.data == {"last_reviewed": "2026-02-30"}


def test_syntax_error_gives_position_and_advice():
    located, diags = parse_yaml("name: A\nsummary: B: C\n", "s.yaml")
    assert located is None
    assert diags[0].line == 2 and "YAML syntax" in diags[0].message and "quotes" in diags[0].message


def test_line_offset_for_front_matter():
    located, _ = parse_yaml("title: T\nthemes: [x]\n", "p.md", line_offset=1)
    assert located.value_pos(("themes", 0)).line == 3


def test_unsafe_tags_are_refused():
    located, diags = parse_yaml("x: !!python/object:os.system ls\n", "s.yaml")
    assert located is None and diags[0].level == "error"


@pytest.mark.parametrize("text, quick", [
    ("name: Swim club\nage_range: {min: 3, max: 8}\nthemes: [leisure, health]\n", True),
    ("a: 1\na: 2\n", True),  # duplicates: the last wins, and it is noted
    ("1: x\nfree: yes\nday: 2026-01-01\nnothing: ~\nrate: 1.5\nq: '7'\n", True),
    ("text: |\n  one\n  two\nlist:\n- a\n- {b: [c, d]}\n- [[]]\n", True),
    ("just text\n", True),
    ("a: &x {b: 1}\nc: *x\n", False),  # anchors
    ("<<: {a: 1}\nb: 2\n", False),  # merge keys
    ("true: x\n", False),  # a key that is not text or a whole number
    ("a: !!str 1\n", False),  # tags
    ("", False),
    ("a: 1\n---\nb: 2\n", False),  # two documents: PyYAML reports it
])
def test_ordinary_documents_are_read_quickly_and_as_pyyaml_reads_them(text, quick):
    from localoffer_ssg.yamlsource import _Loader, _quick, _Unusual

    reference = _Loader(text)
    try:
        node = reference.get_single_node()
    except yaml.YAMLError:
        assert parse_yaml(text, "x.yaml")[0] is None
        return
    expected = reference.construct_document(node) if node is not None else None
    located, diags = parse_yaml(text, "x.yaml")
    assert located is not None and located.data == expected
    assert bool(diags) == reference.has_duplicates
    try:
        made = _quick(_Loader(text))
    except _Unusual:
        made = _Unusual
    assert (made == expected) if quick else (made is _Unusual)


def test_a_recursive_anchor_is_left_to_pyyaml():
    located, problems = parse_yaml("a: &x [1, *x]\n", "x.yaml")
    assert located is not None and located.data["a"][1] is located.data["a"]


@pytest.mark.parametrize("text, line, col", [
    ('name: "Little Steps\nsummary: "A group for babies."\nthemes: [leisure]\n', 1, 7),
    ("name: Little Steps\nsummary: 'A group for babies.\nthemes: [leisure]\n", 2, 10),
    ('keywords:\n  - "toddlers\n  - babies\n', 2, 5),
])
def test_unclosed_quote_is_reported_where_it_opens(text, line, col):
    located, diags = parse_yaml(text, "s.yaml")
    assert located is None and [(d.line, d.col) for d in diags] == [(line, col)]
    assert "never closed" in diags[0].message and "add a closing" in diags[0].message


def test_quotes_closed_on_a_later_line_are_not_blamed():
    _, diags = parse_yaml('name: "Little\n  Steps"\nsummary: B: C\n', "s.yaml")
    assert diags[0].line == 3 and "never closed" not in diags[0].message
