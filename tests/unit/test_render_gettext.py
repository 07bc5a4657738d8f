"""Templates' `_`, `gettext` and `ngettext` give exactly what Jinja's new-style i18n gives."""

import gettext

import pytest
from jinja2 import Environment

from localoffer_ssg.render import LITERAL, Literals, _fast_gettext

TEMPLATES = ['{{ _("Plain words") }}', '{{ gettext("Plain words") }}{{ _("Plain words")|upper }}',
             '{% if _("Plain words") == "Plain words" %}same{% endif %}', '{{ _("Up to 400%% bigger") }}', '{{ _("Hello %(name)s", name=who) }}',
             '{{ ngettext("%(num)d year", "%(num)d years", n) }}', '{{ ngettext("%(num)s on", "%(num)s on", n, num="{n}") }}',
             '{% trans %}Plain block{% endtrans %}', '{% trans count=n %}{{ count }} page{% pluralize %}{{ count }} pages{% endtrans %}']


class Shouting(gettext.NullTranslations):
    """A catalog whose every string differs from the English."""

    def gettext(self, message):
        return message.upper().replace("%(NAME)S", "%(name)s").replace("%(NUM)D", "%(num)d")


@pytest.mark.parametrize("source", TEMPLATES)
@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("catalog", [gettext.NullTranslations(), Shouting()])
def test_same_as_jinja_new_style(source, n, catalog):
    made = []
    for fast in (False, True):
        env = Environment(autoescape=True, extensions=["jinja2.ext.i18n", *([Literals] if fast else [])])
        env.install_gettext_translations(catalog, newstyle=True)
        if fast:
            functions = _fast_gettext(catalog)
            env.filters[LITERAL] = functions.pop(LITERAL)
            env.globals.update(functions)
        made.append(env.from_string(source).render(who="<b>Sam</b>", n=n))
    assert made[0] == made[1]
    assert "<b>" not in made[1]
