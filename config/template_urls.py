"""Django's {% url %} with reverse() remembered per process (a template builtin: TEMPLATES'
OPTIONS["builtins"] in config/settings/base.py, so every template gets it without a {% load %}).

Why: reverse() costs ~30 µs here, and a signed-in problem page calls it 9 times or more (the
forms, the header, a link per history row): a sixth of the page's rendering. The URLconf never
changes while a process runs, so the same name, arguments, script prefix and current app always
give the same URL. Arguments that are not plain strings or numbers, and a request with its own
URLconf, take Django's own path unchanged.
"""

from functools import lru_cache

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url_tag
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.html import conditional_escape

register = template.Library()

_PLAIN = (str, int)


@lru_cache(maxsize=8192)
def _reverse(prefix, current_app, view_name, args, kwargs):
    # `prefix` is only part of the key: reverse() reads the script prefix itself.
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


class RememberedURLNode(URLNode):
    def render(self, context):
        request = getattr(context, "request", None)
        if request is not None and getattr(request, "urlconf", None) is not None:
            return super().render(context)
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple(sorted((k, v.resolve(context)) for k, v in self.kwargs.items()))
        view_name = self.view_name.resolve(context)
        if not isinstance(view_name, str) or not all(isinstance(v, _PLAIN) for v in (*args, *(v for _, v in kwargs))):
            return super().render(context)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        url = ""
        try:
            url = _reverse(get_script_prefix(), current_app, view_name, args, kwargs)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url_tag(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
