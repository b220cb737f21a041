import pytest

from problems.code_files import CodeFilesError, join_files, split_files


def test_plain_go_is_one_file():
    assert split_files("package p\n") == {"solution.go": "package p\n"}


def test_several_files_round_trip():
    files = {"store.go": "package s\n\nfunc A() {}\n", "config.go": "package s\n"}
    text = join_files(files)
    assert text.startswith("-- config.go --\npackage s\n")
    assert split_files(text) == files


def test_single_solution_file_stays_plain():
    assert join_files({"solution.go": "package p\n"}) == "package p\n"


@pytest.mark.parametrize("text, message", [
    ("-- ../x.go --\npackage p\n", "plain"),
    ("-- x_test.go --\npackage p\n", "not _test.go"),
    ("-- go.mod --\nmodule x\n", "plain"),
    ("-- a.go --\npackage p\n-- a.go --\npackage p\n", "twice"),
    ("".join(f"-- f{i}.go --\npackage p\n" for i in range(13)), "at most"),
])
def test_bad_file_sets_are_refused(text, message):
    with pytest.raises(CodeFilesError, match=message):
        split_files(text)


def test_test_writing_tasks_take_test_files_only():
    assert split_files("package p\n", tests=True) == {"solution_test.go": "package p\n"}
    assert split_files("-- a_test.go --\npackage p\n", tests=True) == {"a_test.go": "package p\n"}
    with pytest.raises(CodeFilesError, match="writing tests"):
        split_files("-- a.go --\npackage p\n", tests=True)
