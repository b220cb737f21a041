"""{% url %} remembers reverse() per process (config/template_urls.py) and gives what Django's gives."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse, set_script_prefix


def render(source, **context):
    return engines["django"].from_string(source).render(context, RequestFactory().get("/"))


def test_same_urls_as_django():
    assert render("{% url 'problem_detail' 'unicode-palindrome' %}") == reverse("problem_detail", args=["unicode-palindrome"])
    assert render("{% url 'submission_detail' submission_id=7 %}") == reverse("submission_detail", kwargs={"submission_id": 7})
    assert render("{% url 'problem_list' %}") == reverse("problem_list")
    assert render("{% url 'admin:index' %}") == reverse("admin:index")
    # The same name with other arguments is another URL, however often the first was asked for.
    assert render("{% url 'submission_detail' 1 %}") != render("{% url 'submission_detail' 2 %}")


def test_as_var_and_errors_as_django_has_them():
    assert render("{% url 'problem_detail' 'x' as link %}[{{ link }}]") == f"[{reverse('problem_detail', args=['x'])}]"
    assert render("{% url 'no-such-view' as link %}[{{ link }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-view' %}")


def test_the_script_prefix_is_part_of_what_is_remembered():
    plain = render("{% url 'problem_list' %}")
    set_script_prefix("/dojo/")
    try:
        assert render("{% url 'problem_list' %}") == "/dojo" + plain
    finally:
        set_script_prefix("/")
    assert render("{% url 'problem_list' %}") == plain
