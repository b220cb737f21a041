"""Reads learn/lessons/step-NN/ (lesson.toml + notes.md) into plain dicts."""

import hashlib
import json
import tomllib
from pathlib import Path

LESSONS_DIR = Path(__file__).resolve().parent / "lessons"


class LessonFormatError(Exception):
    pass


def load_lesson(folder: Path) -> dict:
    try:
        meta = tomllib.loads((folder / "lesson.toml").read_text(encoding="utf-8"))
        notes = (folder / "notes.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LessonFormatError(f"{folder.name}: {exc}") from exc
    for key in ("step", "title", "summary", "problems"):
        if key not in meta:
            raise LessonFormatError(f"{folder.name}: lesson.toml lacks {key}")
    quiz = []
    for i, item in enumerate(meta.get("quiz", []), start=1):
        choices = item.get("choices", [])
        answer = item.get("answer")
        if not item.get("prompt") or not 2 <= len(choices) <= 6 or not isinstance(answer, int) \
                or not 0 <= answer < len(choices) or not item.get("explanation"):
            raise LessonFormatError(f"{folder.name}: quiz item {i} needs a prompt, 2-6 choices, "
                                    "an answer index among them and an explanation")
        quiz.append({"prompt": item["prompt"], "choices": list(choices), "answer": answer,
                     "explanation": item["explanation"]})
    lesson = {"step": int(meta["step"]), "title": meta["title"], "summary": meta["summary"],
              "notes": notes, "problems": list(meta["problems"]), "quiz": quiz}
    lesson["content_hash"] = hashlib.sha256(json.dumps(lesson, sort_keys=True).encode()).hexdigest()
    return lesson


def load_lessons(root: Path = LESSONS_DIR) -> list:
    if not root.is_dir():
        raise LessonFormatError(f"no lessons folder at {root}")
    return [load_lesson(p) for p in sorted(root.iterdir()) if (p / "lesson.toml").is_file()]
