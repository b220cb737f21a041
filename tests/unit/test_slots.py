"""config/slots.py's rules: a per-request value read outside a {% slot %} is an error when the
shared part is rendered (never a value carried to another user), and so are a slot in a loop or
inside {% cache %}."""

import pytest
from django.template import TemplateSyntaxError, engines

from config.slots import SlotError, _skeleton


def skeleton(source, shared=None, per_request=None):
    return _skeleton(engines["django"].from_string(source).template, shared or {}, per_request or {})


def test_the_shared_part_keeps_shared_values_and_marks_slots():
    pieces, slots = skeleton("<h1>{{ problem }}</h1>{% slot %}{{ user.username }}{% endslot %}<p>{{ code }}</p>x",
                             shared={"problem": "Palindromes"})
    assert pieces[0] == "<h1>Palindromes</h1>" and len(slots) == 1
    assert pieces[1] == "<p></p>x"  # not a view value at all: empty, as Django renders it


@pytest.mark.parametrize("source", [
    "{{ user.username }}",
    "{% if user.pk %}x{% endif %}",
    "{{ user.pk|default:'anonymous' }}",
    "{% csrf_token %}",
    "{{ request.path }}",
    "{% for m in messages %}{{ m }}{% endfor %}",
    "{{ draft.code }}",
    "{% if draft %}saved{% endif %}",
    "{{ code }}",
])
def test_a_per_request_value_outside_a_slot_is_an_error(source):
    with pytest.raises(SlotError):
        skeleton(source, per_request={"draft": object(), "code": "package x"})
    assert skeleton("{% slot %}" + source + "{% endslot %}", per_request={"draft": 1, "code": 2})[0] == ["", ""]


def test_only_the_signed_in_layout_is_shared():
    assert skeleton("{% if user.is_authenticated %}in{% else %}out{% endif %}")[0] == ["in"]


def test_a_slot_in_a_loop_or_a_cache_is_refused():
    for source in ("{% for i in items %}{% slot %}{{ i }}{% endslot %}{% endfor %}",
                   "{% load cache %}{% cache 60 k %}{% if 1 %}{% slot %}x{% endslot %}{% endif %}{% endcache %}"):
        with pytest.raises(TemplateSyntaxError, match="cannot be inside"):
            engines["django"].from_string(source)
    engines["django"].from_string("{% for i in items %}{% endfor %}{% slot %}x{% endslot %}")  # after one: fine


def test_a_slot_rendered_twice_is_an_error():
    inner = engines["django"].from_string("{% slot %}{{ i }}{% endslot %}")
    with pytest.raises(SlotError, match="twice"):
        skeleton("{% for i in items %}{% include inner %}{% endfor %}", shared={"items": [1, 2], "inner": inner})


def test_rendered_normally_a_slot_is_its_contents():
    assert engines["django"].from_string("a{% slot %}{{ v }}{% endslot %}b").render({"v": "<i>"}) == "a&lt;i&gt;b"


def test_a_name_passed_only_sometimes_is_never_shared_empty(monkeypatch):
    """A skeleton is kept per set of per-request names: a request that has `error` never gets the
    skeleton rendered without it (where it was empty); reading it outside a slot raises there."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from config import slots

    template = engines["django"].from_string("<p>{{ problem }}</p>{% if error %}{{ error }}{% endif %}")
    monkeypatch.setattr(slots, "get_template", lambda name: template)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    page = slots.render_with_slots(request, "slot-test-names", key=1, shared={"problem": "P"}, per_request={})
    assert page.content == b"<p>P</p>"
    with pytest.raises(SlotError, match="error differs per request"):
        slots.render_with_slots(request, "slot-test-names", key=1, shared={"problem": "P"},
                                per_request={"error": "boom"})
