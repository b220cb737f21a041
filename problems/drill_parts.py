"""A code-review drill's parts, read from the catalog alone: which drills are offered, the code
under review (one known-wrong variant of a problem) and the test file a review starts from.

Here, below both, because two apps show them: the drill pages (practice) and the code-review
round of the mock interviews (interviews), which may not import practice (docs/architecture.md)."""

from django.db.models import F

from problems.code_files import join_files
from problems.models import Drill

TEST_TEMPLATE = """package {package}

import "testing"

// Write a test that passes on a correct solution and fails on the code under review.
func TestCatchTheBug(t *testing.T) {{
}}
"""


def drills_offered():
    """Drills validation proved fair for their problem's current version."""
    return Drill.objects.filter(offered=True, content_hash=F("problem__content_hash"))


def variant_files(problem, variant: str) -> dict:
    """{file name: source} of one known-wrong variant of `problem`."""
    return next(w for w in problem.wrong_variants if w["name"] == variant)["files"]


def variant_code(problem, variant: str) -> str:
    """The variant's code as the pages show it: one file, or `-- name.go --` sections."""
    return join_files(variant_files(problem, variant))


def review_test_template(problem) -> str:
    """The test file a review of one of `problem`'s drills starts from."""
    return TEST_TEMPLATE.format(package=problem.package)
