"""What the API takes in: bodies that no view can fail on (a 500) instead of refusing (a 400).

- JSONParser (the default parser, settings REST_FRAMEWORK): DRF's, plus two refusals.
  Nesting deeper than MAX_DEPTH: no request here needs more than a few levels, and Python's
  json gives up near 1,000 with a RecursionError. A lone surrogate ("\\ud800" is valid JSON
  but no Unicode text): it cannot be stored in PostgreSQL nor even encoded for an answer that
  quotes it back ("... is not a valid choice"). Checked here once, for every field and key.
- TextField: a CharField that takes strings only; DRF's turns `"code": 5` into the code "5".
"""

import re

from rest_framework import parsers, serializers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 400
_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(f"JSON nested deeper than {MAX_DEPTH} levels.") from None
        _check(data)
        return data


def _check(data) -> None:
    """Walk the parsed body (without recursion: it may be 1,000 levels deep) for what it may not hold."""
    pending = [(data, 1)]  # (value, depth of the array or object it is)
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise ParseError("JSON text holds a lone surrogate (an unpaired \\ud800-\\udfff escape), "
                                 "which is not Unicode text.")
        elif isinstance(value, (list, dict)):
            if depth > MAX_DEPTH:
                raise ParseError(f"JSON nested deeper than {MAX_DEPTH} levels.")
            if isinstance(value, dict):
                pending.extend((key, depth) for key in value)
                value = value.values()
            pending.extend((item, depth + 1) for item in value)


class TextField(serializers.CharField):
    """A CharField for text only: a number or a boolean is refused, never made into text."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
