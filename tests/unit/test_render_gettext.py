"""Templates' `_`, `gettext` and `ngettext` give exactly what Jinja's new-style i18n gives."""

import gettext

import pytest
from jinja2 import Environment

from localoffer_ssg.render import _fast_gettext

TEMPLATES = ['{{ _("Plain words") }}', '{{ _("Up to 400%% bigger") }}', '{{ _("Hello %(name)s", name=who) }}',
             '{{ ngettext("%(num)d year", "%(num)d years", n) }}', '{{ ngettext("%(num)s on", "%(num)s on", n, num="{n}") }}',
             '{% trans %}Plain block{% endtrans %}', '{% trans count=n %}{{ count }} page{% pluralize %}{{ count }} pages{% endtrans %}']


@pytest.mark.parametrize("source", TEMPLATES)
@pytest.mark.parametrize("n", [1, 3])
def test_same_as_jinja_new_style(source, n):
    catalog = gettext.NullTranslations()
    made = []
    for fast in (False, True):
        env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
        env.install_gettext_translations(catalog, newstyle=True)
        if fast:
            env.globals.update(_fast_gettext(catalog))
        made.append(env.from_string(source).render(who="<b>Sam</b>", n=n))
    assert made[0] == made[1]
    assert "<b>" not in made[1]
