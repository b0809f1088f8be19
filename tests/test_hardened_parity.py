"""Does hardened grading give an honest student exactly what stock nbgrader gives?

The same honest submissions (reference answers, valid answers in other forms, classic mistakes, a
half-done notebook) of three chapters are graded twice: by stock ``nbgrader autograde`` (its own Execute
step, the test cells run in the student's kernel) and by ``python -m autograder grade --json`` (jailed
kernel, verdicts decided in the grader). Every test cell must score the same.
"""

from __future__ import annotations

import json
from pathlib import Path

from chapter_grading import answers
from conftest import StudentNotebook
from support.cli import run_cli
from support.gradebook import cell_scores
from support.stock_nbgrader import StockCourse

CHAPTERS = ["01-vectors", "06-svd", "11-sparse"]


def honest_submissions(course, folder: Path) -> dict[str, Path]:
    subs = {}
    for chapter in CHAPTERS:
        data = answers(chapter)
        subs[f"solution-{chapter}"] = StudentNotebook(course, chapter).answer_all()
        for i, alternative in enumerate(data["ALTERNATIVES"][:1]):
            work = StudentNotebook(course, chapter).answer_all()
            for gid, src in alternative.items():
                work.answer(gid, src)
            subs[f"alternative{i}-{chapter}"] = work
        for name, mistakes in list(data["MISTAKES"].items())[:1]:
            work = StudentNotebook(course, chapter).answer_all()
            for gid, (edit, _, _) in mistakes.items():
                work.apply(gid, edit)
            subs[f"{name}-{chapter}"] = work
        half = StudentNotebook(course, chapter)
        first = [gid for gid in data["MISTAKES"][next(iter(data["MISTAKES"]))]][:3]
        for gid in first:
            half.answer(gid)
        subs[f"half-{chapter}"] = half
    paths = {}
    for name, work in subs.items():
        chapter = next(c for c in CHAPTERS if name.endswith(c))
        paths[name] = work.save(folder / name / f"{chapter}.ipynb")
    return paths


def stock_nbgrader(course, subs: dict[str, Path], root: Path) -> dict[str, dict[str, float]]:
    """nbgrader's documented path, with the course's scoring settings but nbgrader's own Execute step."""
    stock = StockCourse(course, root, assignments=CHAPTERS)
    for name, path in subs.items():
        stock.submit(name, path.stem, f"{path.stem}-exercises", path)
    # all chapters in one nbgrader run of each step (nbgrader globs assignment ids): 3 s of start-up each
    stock.release("*")
    assert stock.autograde("*").returncode == 0
    scores: dict[str, dict[str, float]] = {name: {} for name in subs}
    for (student, gid), score in cell_scores(stock.db).items():
        scores[student][gid] = float(score or 0.0)
    return scores


def test_honest_students_score_the_same_as_with_stock_nbgrader(course, tmp_path):
    subs = honest_submissions(course, tmp_path / "subs")
    stock = stock_nbgrader(course, subs, tmp_path / "stock")
    proc = run_cli("grade", "--json", *map(str, subs.values()))
    hardened = {name: {q["grade_id"]: q["points"] for q in result["questions"]}
                for name, result in zip(subs, json.loads(proc.stdout))}
    assert all("jailed kernels" in r["protections"] for r in json.loads(proc.stdout))
    differences = {name: {gid: (stock[name].get(gid), pts) for gid, pts in hardened[name].items()
                          if stock[name].get(gid) != pts}
                   for name in subs}
    assert not any(differences.values()), {k: v for k, v in differences.items() if v}
    # and the comparison is not vacuous: the set has full, partial and low scores
    totals = sorted(sum(s.values()) for s in stock.values())
    assert totals[0] < totals[-1] / 2 and len(set(totals)) > 3
