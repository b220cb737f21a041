"""What both failure drills share (failure_drill.py: private services restarted in turn;
run_drill.py: every part of a running `make run` killed in turn): the flow of submissions,
the mix it sends, and the count at the end. Django must be set up before report() is called."""

import json
import random
import statistics
import threading
import time
import urllib.error
import urllib.request


def say(text):
    print(f"[drill {time.strftime('%H:%M:%S')}] {text}", flush=True)


def catalog_mix():
    """(slug, code, expected verdict): references, known-wrong variants, a compile error."""
    from problems.models import Problem

    mix = []
    for slug in ("unicode-palindrome", "group-anagrams"):
        problem = Problem.objects.get(slug=slug)
        mix.append((slug, problem.reference_files["solution.go"], "accepted"))
        mix += [(slug, v["files"]["solution.go"], v["verdict"]) for v in problem.wrong_variants
                if "solution.go" in v["files"]]
    mix.append(("unicode-palindrome", "package palindrome\nfunc IsPalindrome(s string) bool { return 1 }\n",
                "compile_error"))
    return mix


class Flow(threading.Thread):
    """POSTs one submission every `interval` seconds to `base` until stopped, from the users of
    `tokens` in turn; records every answer."""

    def __init__(self, base, tokens, mix, interval):
        super().__init__(daemon=True)
        self.base, self.tokens, self.mix, self.interval = base, tokens, mix, interval
        self.stopping = threading.Event()
        self.sent = []  # dicts: t, status, id, expected, detail, seconds

    def run(self):
        i = 0
        next_at = time.monotonic()
        while not self.stopping.is_set():
            slug, code, expected = self.mix[i % len(self.mix)]
            token = self.tokens[i % len(self.tokens)]
            body = json.dumps({"problem": slug, "code": f"{code}\n// drill {i} {random.random()}\n"}).encode()
            req = urllib.request.Request(self.base + "/api/submissions/", data=body, method="POST", headers={
                "Authorization": f"Token {token}", "Content-Type": "application/json"})
            t0 = time.monotonic()
            record = {"t": time.time(), "expected": expected, "id": None, "detail": ""}
            try:
                with urllib.request.urlopen(req, timeout=15) as resp:
                    record["status"] = resp.status
                    record["id"] = json.loads(resp.read())["id"]
            except urllib.error.HTTPError as exc:
                record["status"] = exc.code
                raw = exc.read()
                try:
                    record["detail"] = json.loads(raw).get("detail", "")
                except ValueError:
                    record["detail"] = f"not JSON: {raw[:80]!r}"
            except OSError as exc:  # no answer at all: refused connection or timeout
                record["status"] = None
                record["detail"] = f"{type(exc).__name__}: {exc}"[:120]
            record["seconds"] = time.monotonic() - t0
            self.sent.append(record)
            i += 1
            next_at += self.interval
            self.stopping.wait(max(0.0, next_at - time.monotonic()))


def first_201_after(flow, t):
    return next((r["t"] - t for r in flow.sent if r["t"] >= t and r["status"] == 201), None)


def first_verdict_after(t, submission_ids):
    """Seconds from t until the first verdict stored after it (judging works again)."""
    from datetime import UTC, datetime

    from judge.models import Submission

    since = datetime.fromtimestamp(t, tz=UTC)
    first = Submission.objects.filter(pk__in=submission_ids, finished_at__gte=since).order_by(
        "finished_at").values_list("finished_at", flat=True).first()
    return (first.timestamp() - t) if first else None


def drain(flow, timeout):
    """Waits until every submission that got a 201 is finished; returns their ids."""
    from judge.models import Submission
    from judge.verdicts import Status

    accepted = [r["id"] for r in flow.sent if r["status"] == 201]
    say(f"flow stopped: {len(flow.sent)} POSTs, {len(accepted)} stored; waiting for every verdict")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Submission.objects.filter(pk__in=accepted).exclude(status=Status.FINISHED).exists():
            break
        time.sleep(2)
    return accepted


def report(flow, faults, *, settle, users, t_flow_end, t_drained):
    """Prints the per-fault table and the totals: stored, finished, lost, judged twice,
    unexpected verdicts, every answer that was not a 201. Returns the totals as a dict."""
    from judge.models import Submission, SubmissionEvent
    from judge.verdicts import Status

    accepted = {r["id"]: r for r in flow.sent if r["status"] == 201}
    for f in faults:
        f["api_back"] = first_201_after(flow, f["t_start"])
        f["judging_back"] = first_verdict_after(f["t_start"], list(accepted))
    rows = {s.pk: s for s in Submission.objects.filter(pk__in=list(accepted))}
    finished = [s for s in rows.values() if s.status == Status.FINISHED]
    lost = sorted(set(accepted) - {s.pk for s in finished})
    finished_events = {}
    for sid in SubmissionEvent.objects.filter(submission_id__in=list(accepted),
                                              kind=SubmissionEvent.Kind.FINISHED).values_list("submission_id", flat=True):
        finished_events[sid] = finished_events.get(sid, 0) + 1
    twice_judged = sorted(sid for sid, n in finished_events.items() if n > 1)
    # One POST stored twice would be a row no 201 named (or two 201s naming one id).
    stored_without_201 = Submission.objects.filter(user__username__in=users).exclude(pk__in=list(accepted)).count()
    same_id_twice = len([r for r in flow.sent if r["status"] == 201]) - len(accepted)
    unexpected = [(s.pk, accepted[s.pk]["expected"], s.verdict) for s in finished
                  if s.verdict != accepted[s.pk]["expected"]]
    to_verdict = [(s.finished_at - s.created_at).total_seconds() for s in finished]
    refused = [r for r in flow.sent if r["status"] is not None and r["status"] >= 500]
    refused_json = [r for r in refused if not r["detail"].startswith("not JSON")]
    unanswered = [r for r in flow.sent if r["status"] is None]
    other = [r for r in flow.sent if r["status"] is not None and r["status"] < 500 and r["status"] != 201]
    events = SubmissionEvent.objects.filter(submission_id__in=list(accepted))
    retried = events.filter(kind=SubmissionEvent.Kind.RETRIED).values("submission_id").distinct().count()
    requeued = events.filter(kind=SubmissionEvent.Kind.REQUEUED).values("submission_id").distinct().count()
    fmt = lambda v: f"{v:.1f}" if v is not None else "never"  # noqa: E731

    print(f"{'fault':20} {'down s':>7} {'ready s':>8} {'API 201 again s':>16} {'verdicts again s':>17} "
          f"{'max submit→verdict s':>21}")
    for f in faults:
        # Submissions made from just before the fault until the next one: what it cost them.
        around = [(s.finished_at - s.created_at).total_seconds() for s in finished
                  if f["t_stop"] - 5 <= s.created_at.timestamp() < f["t_start"] + settle]
        print(f"{f['name']:20} {f['down']:7.1f} {fmt(f['ready']):>8} {fmt(f['api_back']):>16} "
              f"{fmt(f['judging_back']):>17} {fmt(max(around) if around else None):>21}")
    print()
    print(f"submissions POSTed               {len(flow.sent)}")
    print(f"  201 (stored)                   {len(accepted)}")
    print(f"  refused with 5xx JSON          {len(refused_json)}"
          + (f" ({', '.join(sorted({str(r['status']) for r in refused_json}))})" if refused_json else ""))
    print(f"  refused, not JSON              {len(refused) - len(refused_json)}")
    print(f"  no answer (connection/timeout) {len(unanswered)}")
    print(f"  other answers                  {len(other)}"
          + (f" ({', '.join(sorted({str(r['status']) for r in other}))})" if other else ""))
    print(f"  slowest answer                 {max(r['seconds'] for r in flow.sent):.2f} s")
    print(f"finished                         {len(finished)}")
    print(f"lost (201, never finished)       {len(lost)}{' ' + str(lost[:10]) if lost else ''}")
    print(f"judged twice (2+ finish events)  {len(twice_judged)}")
    print(f"stored without a 201 / id twice  {stored_without_201} / {same_id_twice}")
    print(f"unexpected verdicts              {len(unexpected)}{' ' + str(unexpected[:5]) if unexpected else ''}")
    print(f"retried after a judge failure    {retried}; requeued by the sweeper {requeued}")
    if to_verdict:
        print(f"submit→verdict                   p50 {statistics.median(to_verdict):.1f} s, "
              f"max {max(to_verdict):.1f} s")
    print(f"all verdicts in                  {t_drained - t_flow_end:.0f} s after the flow stopped")
    start = flow.sent[0]["t"]
    for r in refused + unanswered + other:
        print(f"  {r['t'] - start:6.1f} s in: {r['status']}: {r['detail']}")
    for s in sorted(finished, key=lambda s: s.created_at - s.finished_at)[:3]:
        history = ", ".join(f"{e.kind} +{(e.created_at - s.created_at).total_seconds():.0f}s" for e in s.events.all())
        print(f"  slowest: #{s.pk} {(s.finished_at - s.created_at).total_seconds():.0f} s, "
              f"{s.attempts} attempt(s): {history}")
    return {"posted": len(flow.sent), "stored": len(accepted), "finished": len(finished), "lost": len(lost),
            "twice": len(twice_judged), "unexpected": len(unexpected), "refused": refused, "unanswered": unanswered,
            "other": other}
