"""Every write to an interview happens here. Each takes `now=` (default: interviews.clock) so
tests control time, except the check of a submission, which reads the clock itself once it holds
the session's lock. State changes lock the session row, so two tabs cannot race each other
or a submission; closing is a guarded update (active → finished) that happens once."""

from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from config.errors import DomainError
from interviews import banner, clock
from interviews.draw import NO_DRILLS, interview_draw_drills, interview_draw_problems
from interviews.models import InterviewProblem, InterviewSession
from interviews.selectors import interview_active_for_user, interview_get_for_user
from judge.models import Mode, Submission
from problems.code_files import validate_text

MAX_NOTE_CHARS = 2000
_START_LOCK = 7002  # pg advisory lock namespace: one interview start at a time per user

Status = InterviewSession.Status
EndReason = InterviewSession.EndReason
State = InterviewProblem.State


class InterviewError(DomainError):
    """A refusal with a message for the user (config/errors.py answers it with `status_code`)."""

    status_code = 400


class InterviewClosed(InterviewError):
    """The interview is over (finished, or past its deadline): nothing more is accepted."""

    status_code = 409


class InterviewConflict(InterviewError):
    """The request was made against a state that has moved on (e.g. in another tab)."""

    status_code = 409


class InterviewActive(InterviewConflict):
    """The user already has an interview running: one at a time."""

    def __init__(self, session):
        super().__init__("You already have an interview in progress; finish it before starting another.")
        self.session = session

    def data(self) -> dict:
        """The API names the running interview, to resume it."""
        return {**super().data(), "id": self.session.pk} if self.session is not None else super().data()


def _now(now):
    return now or clock.now()


def _time_up_message(session) -> str:
    at = timezone.localtime(session.deadline).strftime("%H:%M:%S %Z")
    return (f"Time is up: this interview ended at its deadline ({at}). "
            "Submissions after the deadline are not accepted.")


# -- starting ------------------------------------------------------------------------------

def _draw(*, user, template, now, rng) -> list:
    """[(label, problem, variant)] of a new session: a drill's variant, or "" for a problem to solve."""
    if template.is_drill_round:
        picks = [(label, drill.problem, drill.variant)
                 for label, drill in interview_draw_drills(user=user, slots=template.slots, rng=rng)]
        if not picks:
            raise InterviewError(NO_DRILLS)
        return picks
    picks = [(label, problem, "") for label, problem in
             interview_draw_problems(user=user, slots=template.slots, now=now, rng=rng)]
    if not picks:
        raise InterviewError("No problems are available for this interview yet.")
    return picks


def interview_start(*, user, template, hide_difficulty=None, now=None, rng=None) -> InterviewSession:
    """Start a session: a server-owned deadline and its problems drawn, the first one open."""
    now = _now(now)
    if not template.active:
        raise InterviewError("This interview is not offered any more.")
    interviews_close_expired(now=now, user=user)  # an expired session of this user closes first
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:  # two tabs starting at once: one waits for the other
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_START_LOCK, user.pk])
            active = InterviewSession.objects.filter(user=user, status=Status.ACTIVE).first()
            if active is not None:
                raise InterviewActive(active)
            picks = _draw(user=user, template=template, now=now, rng=rng)
            session = InterviewSession.objects.create(
                user=user, template=template, started_at=now,
                deadline=now + timedelta(minutes=template.duration_minutes),
                hide_difficulty=template.hide_difficulty if hide_difficulty is None else bool(hide_difficulty),
            )
            InterviewProblem.objects.bulk_create(
                InterviewProblem(session=session, position=i, label=label, problem=problem, variant=variant,
                                 state=State.CURRENT if i == 1 else State.PENDING, opened_at=now if i == 1 else None)
                for i, (label, problem, variant) in enumerate(picks, start=1)
            )
    except IntegrityError:  # the one-active-session constraint, should the lock ever be bypassed
        raise InterviewActive(InterviewSession.objects.filter(user=user, status=Status.ACTIVE).first()) from None
    transaction.on_commit(lambda: banner.forget(user.pk))  # every page's banner shows it now
    return session


# -- closing -------------------------------------------------------------------------------

def _close(session_id, *, user_id, reason, at) -> bool:
    """active → finished, once. The current problem closes at the same moment."""
    with transaction.atomic():
        closed = InterviewSession.objects.filter(pk=session_id, status=Status.ACTIVE).update(
            status=Status.FINISHED, finished_at=at, end_reason=reason)
        if closed:
            InterviewProblem.objects.filter(session_id=session_id, state=State.CURRENT).update(
                state=State.DONE, closed_at=at)
            transaction.on_commit(lambda: banner.forget(user_id))  # no more banner on other pages
    return bool(closed)


def _close_if_expired(session_id, *, user_id, deadline, now) -> bool:
    """The one place a session past its deadline ends. It ends at its deadline, not when someone
    noticed: time spent stops there."""
    return now >= deadline and _close(session_id, user_id=user_id, reason=EndReason.DEADLINE, at=deadline)


def _past_deadline(session, now) -> bool:
    return session.is_active and now >= session.deadline


def interview_expire_if_due(*, session, now=None) -> InterviewSession:
    """Close a session whose deadline has passed (lazily, whenever it is read). Returns it fresh."""
    now = _now(now)
    if _past_deadline(session, now):
        _close_if_expired(session.pk, user_id=session.user_id, deadline=session.deadline, now=now)
        session.refresh_from_db()
    return session


def interview_load(*, user, interview_id, now) -> InterviewSession:
    """The user's own session (a 404 otherwise), as the page and the API read it: ended first if
    its deadline passed by `now`. Whether a submission is too late is not decided here but under
    the session's lock (interview_lock_for_submission), with the clock read then."""
    session = interview_get_for_user(user=user, interview_id=interview_id)
    if _past_deadline(session, now):
        interview_expire_if_due(session=session, now=now)
        session = interview_get_for_user(user=user, interview_id=interview_id)  # with its problems again
    return session


def interview_active(*, user, now) -> InterviewSession | None:
    """The user's running interview, if any: one past its deadline ends now and is none."""
    session = interview_active_for_user(user=user)
    if session is not None and _past_deadline(session, now):
        interview_expire_if_due(session=session, now=now)
        return None
    return session


def interviews_close_expired(*, now=None, user=None) -> list:
    """The sweeper (Celery beat): close every active session past its deadline. Returns their ids."""
    now = _now(now)
    qs = InterviewSession.objects.filter(status=Status.ACTIVE, deadline__lte=now)
    if user is not None:
        qs = qs.filter(user=user)
    return [session_id for session_id, user_id, deadline in qs.values_list("id", "user_id", "deadline")
            if _close_if_expired(session_id, user_id=user_id, deadline=deadline, now=now)]


def interview_finish(*, session, now=None) -> InterviewSession:
    """End the interview now, at the user's request (idempotent: an ended one stays as it is)."""
    now = _now(now)
    session = interview_expire_if_due(session=session, now=now)
    if session.is_active:
        _close(session.pk, user_id=session.user_id, reason=EndReason.EARLY, at=now)
        session.refresh_from_db()
    return session


# -- one problem at a time -----------------------------------------------------------------

def _ensure_open(session, now):
    if session.status != Status.ACTIVE:
        if session.end_reason == EndReason.DEADLINE:
            raise InterviewClosed(_time_up_message(session))
        raise InterviewClosed("This interview has ended; nothing more is accepted. See its report.")
    if now >= session.deadline:
        raise InterviewClosed(_time_up_message(session))


def _locked_open_session(session_id, now) -> InterviewSession:
    session = InterviewSession.objects.select_for_update().get(pk=session_id)
    _ensure_open(session, now)
    return session


def _advance(*, session, position, new_state, require_submit, now) -> InterviewSession:
    now = _now(now)
    session = interview_expire_if_due(session=session, now=now)
    with transaction.atomic():
        locked = _locked_open_session(session.pk, now)
        current = locked.problems.select_for_update().filter(state=State.CURRENT).first()
        if current is None:  # cannot happen in an active session; refuse rather than guess
            raise InterviewConflict("There is no current problem.")
        if position is not None and str(position) != str(current.position):
            raise InterviewConflict("This interview has moved on (in another tab?); reload to see where it is.")
        graded_mode = Mode.DRILL if current.is_drill else Mode.SUBMIT
        if require_submit and not Submission.objects.filter(interview=locked, problem_id=current.problem_id,
                                                            variant=current.variant, mode=graded_mode).exists():
            raise InterviewError("Submit a test for this drill at least once before moving on, or skip it."
                                 if current.is_drill else
                                 "Submit this problem at least once before moving on, or skip it.")
        current.state, current.closed_at = new_state, now
        current.save(update_fields=["state", "closed_at"])
        following = locked.problems.filter(state=State.PENDING).order_by("position").first()
        if following is None:
            _close(locked.pk, user_id=locked.user_id, reason=EndReason.COMPLETED, at=now)
        else:
            following.state, following.opened_at = State.CURRENT, now
            following.save(update_fields=["state", "opened_at"])
    session.refresh_from_db()
    return session


def interview_next(*, session, position=None, now=None) -> InterviewSession:
    """Move on after submitting the current problem; after the last one the interview ends."""
    return _advance(session=session, position=position, new_state=State.DONE, require_submit=True, now=now)


def interview_skip(*, session, position=None, now=None) -> InterviewSession:
    """Give up the current problem (no going back); after the last one the interview ends."""
    return _advance(session=session, position=position, new_state=State.SKIPPED, require_submit=False, now=now)


def interview_draft_save(*, session, slug, code, now=None):
    """Keep the editor's content of the current problem (autosaved as the user types); returns
    when it was saved.

    One guarded update: it lands only while the session is open and the problem current, so a
    draft can never race the interview's end or a move to the next problem."""
    now = _now(now)
    if not isinstance(code, str) or code.strip():  # an emptied editor is a draft too
        validate_text(code)
    saved_at = timezone.now()  # real time, as the submissions' it is compared with (selectors)
    saved = InterviewProblem.objects.filter(
        session_id=session.pk, problem__slug=slug, state=State.CURRENT,
        session__status=Status.ACTIVE, session__deadline__gt=now,
    ).update(draft=code, draft_saved_at=saved_at)
    if not saved:
        session = interview_expire_if_due(session=InterviewSession.objects.get(pk=session.pk), now=now)
        _ensure_open(session, now)
        raise InterviewConflict("This interview has moved on to another problem (in another tab?); "
                                "reload it. This draft was not saved.")
    return saved_at


def interview_lock_for_submission(*, interview, user, problem, variant="") -> InterviewSession:
    """Registered as judge.hooks.interview_hooks (interviews/apps.py): called by
    judge.services.submission_create inside its transaction: lock the session row
    and refuse a submission that is not the user's, too late, or not for the current problem
    (in a code-review round: not a test for the current drill, `variant` of `problem`).

    The clock is read here, once the lock is held, and never taken from the caller: a time read
    before the lock (a request that waited for it) could let a submission in after the deadline."""
    session = InterviewSession.objects.select_for_update().filter(pk=getattr(interview, "pk", interview)).first()
    if session is None or session.user_id != user.pk:
        raise InterviewError("No such interview.")
    _ensure_open(session, clock.now())
    if not session.problems.filter(state=State.CURRENT, problem_id=problem.pk, variant=variant).exists():
        raise InterviewError("That is not the interview's current problem (it moved on, perhaps in another "
                             "tab); reload the interview.")
    return session


# -- the self-review -----------------------------------------------------------------------

def _clean_rubric(data, criteria) -> dict:
    """`data` scored on `criteria` ([(key, label)], the session's template's rubric)."""
    if not isinstance(data, dict):
        raise InterviewError("The review must be an object of criteria.")
    names = dict(criteria)
    unknown = set(data) - set(names)
    if unknown:
        raise InterviewError(f"Unknown criteria: {', '.join(sorted(map(str, unknown)))}.")
    rubric = {}
    for key, label in criteria:
        entry = data.get(key)
        if not isinstance(entry, dict):
            raise InterviewError(f"{label}: give a score from 1 to 4.")
        score = entry.get("score")
        if isinstance(score, str) and score.strip().isdigit():
            score = int(score)
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 4:
            raise InterviewError(f"{label}: the score must be a whole number from 1 to 4.")
        note = entry.get("note", "") or ""
        if not isinstance(note, str):
            raise InterviewError(f"{label}: the note must be text.")
        if len(note) > MAX_NOTE_CHARS or "\x00" in note or not _is_utf8(note):
            raise InterviewError(f"{label}: the note must be text of at most {MAX_NOTE_CHARS} characters.")
        rubric[key] = {"score": score, "note": note.strip()}
    return rubric


def _is_utf8(text: str) -> bool:
    """False for a lone surrogate (JSON allows "\\ud800"; PostgreSQL refuses to store it)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def interview_review_save(*, session, rubric, now=None) -> InterviewSession:
    """Save the user's self-review (scores 1-4 with a note per criterion) once the interview is over."""
    now = _now(now)
    session = interview_expire_if_due(session=session, now=now)
    if session.is_active:
        raise InterviewConflict("Finish the interview before reviewing it.")
    cleaned = _clean_rubric(rubric, session.template.rubric_criteria)
    InterviewSession.objects.filter(pk=session.pk).update(rubric=cleaned, reviewed_at=now)
    session.refresh_from_db()
    return session
