"""Every known-wrong variant of the catalog checked as a code-review drill (fair: the hidden
suite, as a user's test, catches it and passes on the reference; not trivial: the examples alone
do not). Long: two sandbox jobs per variant (~10 s of judging each, two at a time, ~25 minutes
for the ~290 variants on a 2-core machine); marked `drill_catalog` so its duration shows apart."""

import pytest
from django.core.management import call_command

from problems.models import Drill

pytestmark = [pytest.mark.docker, pytest.mark.drill_catalog, pytest.mark.django_db(transaction=True)]


def test_every_variant_is_offered_as_a_drill_or_left_out_with_a_reason(problems, capsys):
    call_command("validate_problems", "--drills", "only")
    out = capsys.readouterr().out
    print(out[out.index("drills: "):])  # the counts, for the log
    variants = sum(len(p.wrong_variants) for p in problems.values() if not p.writes_tests)
    drills = list(Drill.objects.all())
    assert len(drills) == variants
    assert all(d.offered == (d.left_out == "") for d in drills)
    assert any(d.offered for d in drills)
