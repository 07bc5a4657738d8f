import pytest

from localoffer_ssg.config import load_config
from localoffer_ssg.diagnostics import ConfigError

MINIMAL = '[site]\nid = "t"\ntitle = "T"\ncouncil = "C"\n'


def _load(tmp_path, text, **kw):
    (tmp_path / "site.toml").write_text(text)
    return load_config(tmp_path, **kw)


def test_defaults_fill_what_is_not_given(tmp_path):
    config = _load(tmp_path, MINIMAL)
    assert config.review_months == 12 and config.icons is True and config.language == "en-GB"
    assert [t.key for t in config.themes][:2] == ["early-years", "education"] and len(config.themes) == 9


def test_unknown_key_gets_a_did_you_mean_hint_and_its_line(tmp_path):
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, MINIMAL + 'titel = "x"\n')
    (diag,) = exc.value.diagnostics
    assert diag.line == 5 and diag.field == "site.titel" and "Did you mean 'title'?" in diag.message


def test_unknown_table_is_rejected(tmp_path):
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, MINIMAL + "[contcat]\nemail = 'a@b.c'\n")
    assert "Did you mean 'contact'?" in exc.value.diagnostics[0].message


def test_wrong_type_and_missing_required_reported_together(tmp_path):
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, '[site]\nid = "t"\ntitle = "T"\nicons = "yes"\n')
    messages = sorted(str(d) for d in exc.value.diagnostics)
    assert any("site.council: is required" in m for m in messages)
    assert any("site.icons: must be true or false (got 'yes')" in m for m in messages)


def test_duplicate_theme_keys_are_rejected(tmp_path):
    themes = '[[themes]]\nkey = "a"\ntitle = "A"\n[[themes]]\nkey = "a"\ntitle = "B"\n'
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, MINIMAL + themes)
    assert "used twice" in exc.value.diagnostics[0].message


@pytest.mark.parametrize("base_url, path", [("https://x.org/", "/"), ("https://x.org/lo", "/lo/"),
                                            ("/sub/dir/", "/sub/dir/")])
def test_base_path_comes_from_base_url(tmp_path, base_url, path):
    assert _load(tmp_path, MINIMAL, base_url=base_url).base_path == path


def test_missing_site_toml_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path)
    assert "no site.toml" in exc.value.diagnostics[0].message
