from django.core.exceptions import ValidationError

from practice.models import Draft, ProblemNote, SolutionReveal
from practice.selectors import SolutionAccess, SolutionHidden, solution_access
from problems.code_files import validate_text

MAX_NOTE_CHARS = 20_000


def draft_save(*, user, problem, code: str, custom_tests: str | None = None) -> Draft:
    """Last write wins: a draft is the editor's latest state, not a history (submissions are)."""
    _check_text(code, "Code", allow_empty=True)
    fields = {"code": code}
    if custom_tests is not None:
        _check_text(custom_tests, "Your tests", allow_empty=True)
        fields["custom_tests"] = custom_tests
    draft, _ = Draft.objects.update_or_create(user=user, problem=problem, defaults=fields)
    return draft


def draft_discard(*, user, problem) -> None:
    Draft.objects.filter(user=user, problem=problem).delete()


def note_save(*, user, problem, text: str) -> ProblemNote:
    if not isinstance(text, str) or "\x00" in text:
        raise ValidationError("Notes must be text.")
    if len(text) > MAX_NOTE_CHARS:
        raise ValidationError(f"Notes are limited to {MAX_NOTE_CHARS:,} characters.")
    note, _ = ProblemNote.objects.update_or_create(user=user, problem=problem, defaults={"text": text})
    return note


def _check_text(text, what: str, *, allow_empty: bool = False) -> None:
    if allow_empty and isinstance(text, str) and not text.strip():
        return
    validate_text(text, label=what)


def solution_reveal(*, user, problem) -> SolutionAccess:
    """The user chose "show solution": recorded (once, the first time) unless they solved the
    problem already, so their progress says they viewed it. Refused during a running interview
    that has the problem (SolutionHidden). Returns the access it gives."""
    access = solution_access(user=user, problem=problem)
    if access.visible:
        return access
    if not access.can_reveal:
        raise SolutionHidden(access.hidden_reason)
    reveal, _ = SolutionReveal.objects.get_or_create(user=user, problem=problem)
    return SolutionAccess(True, access.solved, reveal.revealed_at, access.in_interview)
