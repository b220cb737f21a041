"""Test-writing tasks (step 8): the user's tests run against the correct implementation and
against each mutant, through the real API, worker and sandbox."""

import pytest
from rest_framework.test import APIClient

from tests.conftest import assert_no_container_left, make_user, password_for, wait_for_verdict

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]
SLUG = "palindrome-table-tests"

# Tests that pass on their first run and replace every other binary of the job with one
# that fails, hoping the mutants then "fail" too.
TAMPERING = '''package palindrome

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIsPalindrome(t *testing.T) {
	others, _ := filepath.Glob("/tmp/job/*.test")
	for _, path := range others {
		os.WriteFile(path, []byte("#!/bin/sh\\nexit 1\\n"), 0o755)
	}
	if !IsPalindrome("racecar") {
		t.Fatal("racecar")
	}
}
'''


@pytest.fixture
def api(problems):
    make_user("tess")
    client = APIClient()
    client.login(username="tess", password=password_for("tess"))
    return client


def judge(api, code, mode="submit"):
    created = api.post("/api/submissions/", {"problem": SLUG, "language": "go", "code": code, "mode": mode},
                       format="json")
    assert created.status_code == 201, created.json()
    wait_for_verdict(created.json()["id"])
    return api.get(f"/api/submissions/{created.json()['id']}/").json()


def bug_rows(result):
    return {t["name"]: t["status"] for t in result["tests"] if t["name"].startswith("bug: ")}


def test_strong_tests_catch_every_mutant(celery_worker_process, problems, api):
    problem = problems[SLUG]
    result = judge(api, problem.reference_files["solution_test.go"])
    assert result["verdict"] == "accepted", result
    assert bug_rows(result) == {f"bug: {m['name']}": "pass" for m in problem.mutants}
    assert any(t["name"].startswith("TestIsPalindrome/") and t["status"] == "pass" for t in result["tests"])
    assert_no_container_left(result["id"])


def test_run_checks_the_tests_against_the_correct_code_only(celery_worker_process, problems, api):
    result = judge(api, problems[SLUG].reference_files["solution_test.go"], mode="run")
    assert result["verdict"] == "accepted"
    assert bug_rows(result) == {}


def test_weak_tests_name_the_bugs_they_missed(celery_worker_process, problems, api):
    weak = next(w for w in problems[SLUG].wrong_variants if w["name"] == "happy-path-only")
    result = judge(api, weak["files"]["solution_test.go"])
    assert result["verdict"] == "wrong_answer"
    rows = bug_rows(result)
    assert len(rows) == 7 and set(rows.values()) == {"fail"}  # two happy cases catch none of them
    assert result["verdict"] == "wrong_answer"
    missed = [t for t in result["tests"] if t["name"].startswith("bug: ") and t["status"] == "fail"]
    assert missed and all(t["message"].startswith("not caught: ") for t in missed)


def test_tests_that_fail_on_correct_code_are_wrong_answer(celery_worker_process, problems, api):
    wrong = next(w for w in problems[SLUG].wrong_variants if w["name"] == "curriculum-example")
    result = judge(api, wrong["files"]["solution_test.go"])
    assert result["verdict"] == "wrong_answer"
    failing = [t for t in result["tests"] if t["status"] == "fail"]
    assert [t["name"] for t in failing] == ["TestIsPalindrome", "TestIsPalindrome/curriculum_example"]


def test_tests_that_replace_the_judges_binaries_are_not_trusted(celery_worker_process, problems, api):
    # The runner uid can neither list nor write /tmp/job: every write fails, each mutant runs
    # its own binary, and these weak tests catch none of them.
    result = judge(api, TAMPERING)
    assert result["verdict"] == "wrong_answer"
    assert set(bug_rows(result).values()) == {"fail"}
    assert_no_container_left(result["id"])


def test_tests_cannot_tell_the_correct_code_by_where_it_was_built(celery_worker_process, problems, api):
    """The correct implementation is built from the dir that sorts first ("a0"); every dir is
    built as the same one, so a test that passes only there fails on the correct code too."""
    from tests.integration.test_drills_judging import TELLS_BY_ITS_PATH

    result = judge(api, TELLS_BY_ITS_PATH)
    assert result["verdict"] == "wrong_answer", result
    failing = [t for t in result["tests"] if t["status"] == "fail"]
    assert [t["name"] for t in failing] == ["TestWhereAmI"]
    assert "/a0/" not in failing[0]["message"]


def test_solution_files_are_refused_in_a_test_writing_task(problems, api):
    response = api.post("/api/submissions/", {"problem": SLUG, "language": "go", "mode": "submit",
                                              "code": "-- palindrome.go --\npackage palindrome\n"}, format="json")
    assert response.status_code == 400
    assert "writing tests" in response.json()["detail"]
