"""A page rendered once per process, with the parts that differ per request filled in each time.

Why: Django's template engine costs ~20 µs a node here, and a signed-in problem page renders
about a hundred, most of them the same for everyone who opens that problem (the statement's
frame, the forms, the editor's toolbar and help, the header, the script tags). Rendering them on
every request was half the page's time.

How: `{% slot %}…{% endslot %}` (a template builtin, TEMPLATES' OPTIONS["builtins"]) marks what
differs per request: the user's name and code, the CSRF token, the nonce, the history. Rendered
normally, a slot is just its contents, so the templates work as before everywhere else.
`render_with_slots` renders the template once with only the page's shared values (`shared`,
e.g. the problem) and a marker in place of each slot, keeps the pieces between markers, and per
request renders only the slots, in order, with the request's full context.

Why it cannot show one user's data to another: the skeleton is rendered without the request's
values. Every other name of the context (`per_request`) and every value the context processors
add (user, request, csrf_token, messages, perms) stands for a `PerRequest` value there, which
raises as soon as the template reads it outside a slot. So a per-user value outside a slot is
an error in the first test that renders the page, never a leak.

Rules: no slot inside `{% cache %}` (the cache would keep the marker) or a loop (rendered again
per request, it would not see the loop's variables): refused when the template is parsed, and a
slot rendered twice is refused too (a loop around an include). A slot reads only the view's
context and the context processors' values, not variables an enclosing `{% with %}` or
`{% include … with %}` sets. A slot in an inclusion tag's template renders inline there (such a
tag gets a new context), so it reads per-request values only inside a slot of the page.
"""

import secrets

from django import template
from django.http import HttpResponse
from django.template import Context
from django.template.context import make_context
from django.template.loader import get_template

register = template.Library()

# Never in a real page: random per process, and an HTML comment if it ever were.
_MARKER = f"<!--slot-{secrets.token_hex(8)}-->"
# The values Django's context processors add (config/settings/base.py TEMPLATES).
_PROCESSOR_NAMES = ("user", "request", "csrf_token", "messages", "perms", "DEFAULT_MESSAGE_LEVELS")


class SlotError(Exception):
    """A template read a per-request value outside a {% slot %}, or broke a rule above."""


class PerRequest:
    """Stands for a per-request value while the shared skeleton renders: any use raises."""

    def __init__(self, name, allowed=None):
        self._name, self._allowed = name, allowed or {}

    def __getattr__(self, attr):
        if attr in self._allowed:
            return self._allowed[attr]
        raise SlotError(f"{self._name}.{attr} differs per request: read it inside a {{% slot %}}")

    def _refuse(self, *args):
        raise SlotError(f"{self._name} differs per request: use it inside a {{% slot %}}")

    # No __getitem__: the template engine tries `value[name]` first and takes its TypeError as
    # "try the attribute", which then raises.
    __str__ = __bool__ = __iter__ = __len__ = __contains__ = __eq__ = _refuse
    __hash__ = object.__hash__


class SlotNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        collected = getattr(context, "slots_collected", None)
        if collected is None:
            return self.nodelist.render(context)
        if self in collected:
            raise SlotError("a {% slot %} rendered twice (in a loop?): slots must render once per page")
        collected.append(self)
        return _MARKER


@register.tag
def slot(parser, token):
    """{% slot %}…{% endslot %}: what differs per request on a page drawn by render_with_slots."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% slot %} takes no arguments")
    # The tags this one is inside, in this template (the parser's stack ends with `slot` itself).
    enclosing = {command for command, _ in parser.command_stack[:-1]}
    if enclosing & {"cache", "for"}:
        raise template.TemplateSyntaxError("{% slot %} cannot be inside {% cache %} or {% for %} (config/slots.py)")
    nodelist = parser.parse(("endslot",))
    parser.delete_first_token()
    return SlotNode(nodelist)


# (template name, per-request names) -> ((template, key), pieces between the slots, the slots in
# page order)
_skeletons: dict[tuple, tuple[object, list[str], list[SlotNode]]] = {}


def render_with_slots(request, template_name, *, key, shared: dict, per_request: dict) -> HttpResponse:
    """The page `template_name` with `shared` (the same for every request while `key` is the
    same: name in it what those values' version is) and `per_request` (the rest of the view's
    context). The shared part is rendered once per process and key."""
    engine_template = get_template(template_name).template
    # The template object is part of the key: `make dev` reloads a changed template as a new one.
    version = (engine_template, key)
    # So are the per-request names: one a view passes only sometimes is a per-request value in
    # the skeleton of the requests that have it, never an empty one shared with them.
    name = (template_name, frozenset(per_request))
    entry = _skeletons.get(name)
    if entry is None or entry[0] != version:
        entry = _skeletons[name] = (version, *_skeleton(engine_template, shared, per_request))
    _, pieces, slots = entry
    context = make_context({**shared, **per_request}, request)
    # As Template.render does: a render context for this template, the context processors run.
    with context.render_context.push_state(engine_template), context.bind_template(engine_template):
        context.template_name = engine_template.name
        out = [pieces[0]]
        for node, piece in zip(slots, pieces[1:], strict=True):
            out.append(node.nodelist.render(context))
            out.append(piece)
    return HttpResponse("".join(out))


def _skeleton(engine_template, shared, per_request) -> tuple[list[str], list[SlotNode]]:
    values = {name: PerRequest(name) for name in (*per_request, *_PROCESSOR_NAMES)}
    # Skeletons are of signed-in pages: the choice of the signed-in layout is shared.
    values["user"] = PerRequest("user", {"is_authenticated": True, "is_anonymous": False})
    context = Context({**values, **shared})
    context.slots_collected = []
    html = engine_template.render(context)
    pieces = html.split(_MARKER)
    if len(pieces) != len(context.slots_collected) + 1:
        raise SlotError(f"{engine_template.name}: {len(context.slots_collected)} slots rendered but "
                        f"{len(pieces) - 1} markers in the page (a slot inside {{% cache %}}?)")
    return pieces, context.slots_collected

