from practice.models import Draft, ProblemNote

CUSTOM_TESTS_TEMPLATE = """package {package}

import "testing"

// Your own cases. Run judges this file together with the visible examples, and shows
// the output of every failing case. Give your tests names the examples do not use.
func TestMyCases(t *testing.T) {{
}}
"""


def draft_get(*, user, problem) -> Draft | None:
    if not user.is_authenticated:
        return None
    return Draft.objects.filter(user=user, problem=problem).first()


def note_get(*, user, problem) -> ProblemNote | None:
    if not user.is_authenticated:
        return None
    return ProblemNote.objects.filter(user=user, problem=problem).first()


def custom_tests_template(problem) -> str:
    return CUSTOM_TESTS_TEMPLATE.format(package=problem.package)
