"""Rules of the apps built on the judge that the judge applies without importing them.

The judge sits below `interviews` (docs/architecture.md): it may not import it, yet a submission
made inside a mock interview must be refused under the submission lock once the interview is
over. The interviews app registers its rules here from its AppConfig.ready(); the judge calls
whatever is registered. Plain attributes, set once at start-up: nothing to look up by name."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass
class InterviewHooks:
    # (user, interview_id) -> the user's interview; Http404 when it is someone else's or none.
    get_for_user: Callable | None = None
    # (interview, user, problem, variant) -> None, called inside submission_create's transaction
    # with the user's submission lock held: locks the interview and raises a ValidationError (with
    # a `status_code`, 409 when it is over) to refuse the submission. `variant`: a drill's (a test
    # for a code-review round's current drill), else "".
    lock_for_submission: Callable | None = None

    def register(self, *, get_for_user: Callable, lock_for_submission: Callable) -> None:
        self.get_for_user = get_for_user
        self.lock_for_submission = lock_for_submission

    def required(self, name: str) -> Callable:
        hook = getattr(self, name)
        if hook is None:
            raise ImproperlyConfigured(f"no interview hook {name!r} registered (is the interviews app installed?)")
        return hook


interview_hooks = InterviewHooks()
