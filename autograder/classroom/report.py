"""The class report: score distribution, per-question mean and pass rate, pass rate by question kind, frequent
hints, slow or failing submissions. Markdown with PNG figures, readable on GitHub, in JupyterLab or any editor."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path

from autograder.classroom.safe_text import markdown_text as md
from autograder.course.kinds import KINDS, question_of

MAX_HINTS = 3


def _fmt(x: float) -> str:
    return f"{x:.3g}" if x != int(x) else f"{int(x)}"


def full_points_by_kind(rows: list[tuple[str, str, dict, float]],
                        kinds: Mapping[str, Mapping[str, str]]) -> dict[str, tuple[int, int, int]]:
    """Per kind present, in :data:`KINDS` order: (questions of that kind, (student, question) pairs, pairs
    that earned the question's full points, its visible and hidden tests together).

    ``kinds`` is ``{assignment: {question grade_id: kind}}`` from the instructor's notebooks
    (:func:`~autograder.course.kinds.assignment_kinds`), never from the submissions. A question with no test
    in a student's result (an unreadable notebook) counts as not earned.
    """
    questions: Counter = Counter()
    pairs: Counter = Counter()
    earned: Counter = Counter()
    for assignment in {assignment for _, assignment, _, _ in rows}:
        questions.update(kinds.get(assignment, {}).values())
    for _, assignment, result, _ in rows:
        assignment_kinds = kinds.get(assignment, {})
        points: dict[str, list[float]] = {q: [0, 0] for q in assignment_kinds}
        for test in result.get("questions", []):
            question = question_of(str(test.get("grade_id", "")), assignment_kinds)
            if question is not None:
                points[question][0] += test.get("points") or 0
                points[question][1] += test.get("max_points") or 0
        for question, kind in assignment_kinds.items():
            got, most = points[question]
            pairs[kind] += 1
            earned[kind] += most > 0 and got >= most
    return {kind: (questions[kind], pairs[kind], earned[kind]) for kind in KINDS if questions[kind]}


def _kinds_section(rows: list[tuple[str, str, dict, float]], kinds: Mapping[str, Mapping[str, str]]) -> list[str]:
    by_kind = full_points_by_kind(rows, kinds)
    if not by_kind:
        return []
    lines = ["## Pass rate by question kind", "",
             "Share of (student, question) pairs that earned the question's full points (visible and hidden "
             "tests), across the assignments graded.", "",
             "| kind | questions | pairs | full points |", "|---|---|---|---|"]
    for kind, (questions, pairs, earned) in by_kind.items():
        rate = f"{100 * earned / pairs:.0f}%" if pairs else "n/a"
        lines.append(f"| {md(kind)} | {questions} | {pairs} | {rate} |")
    return lines + [""]


def write_report(rows: list[tuple[str, str, dict, float]], out: Path, notes: list[str] = (),
                 kinds: Mapping[str, Mapping[str, str]] | None = None) -> Path:
    """``rows``: (student, assignment, result JSON, seconds); ``notes``: what intake reported (impersonation,
    duplicates, unreadable packages), one line each; ``kinds``: ``{assignment: {question grade_id: kind}}`` from
    the course's notebooks, for the pass rate by question kind. Writes ``out/report.md`` and figures."""
    figures = out / "report-figures"
    figures.mkdir(parents=True, exist_ok=True)
    lines = ["# Class report", ""]
    protections = sorted({r.get("protections") for _, _, r, _ in rows if r.get("protections")})
    for text in protections:  # which protections grading had (and which were off), as each result recorded
        lines += [f"**{'Warning: ' if ' OFF: ' in text else ''}Grading mode.** {text}", ""]
    lines += _kinds_section(rows, kinds or {})
    by_assignment: dict[str, list[tuple[str, dict, float]]] = defaultdict(list)
    for student, assignment, result, seconds in rows:
        by_assignment[assignment or "(unknown assignment)"].append((student, result, seconds))
    for assignment, entries in sorted(by_assignment.items()):
        lines += _assignment_section(assignment, entries, out, figures)
    if notes:
        lines += ["## Intake", "", "What was reported while reading the submissions:", ""]
        lines += [f"- {md(note)}" for note in notes]
        lines.append("")
    path = out / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _assignment_section(assignment: str, entries: list[tuple[str, dict, float]], out: Path,
                        figures: Path) -> list[str]:
    """One assignment: the score summary and histogram, a row per test, the slowest and failed submissions."""
    scores = [r["score"] for _, r, _ in entries]
    max_score = max((r["max_score"] for _, r, _ in entries), default=0)
    mean = sum(scores) / len(scores) if scores else 0.0
    lines = [f"## {assignment}", "",
             f"{len(entries)} submissions; mean {_fmt(mean)} / {_fmt(max_score)}; "
             f"full marks: {sum(1 for s in scores if max_score and s == max_score)}; "
             f"zero: {sum(1 for s in scores if s == 0)}.", ""]
    png = _score_histogram(assignment, scores, max_score, figures)
    lines += [f"![score distribution]({png.relative_to(out).as_posix()})", ""]
    lines += _test_table(entries)
    problems = [(s, r.get("error")) for s, r, _ in entries if r.get("error")]
    slowest = sorted(entries, key=lambda e: -e[2])[:5]
    lines += ["Slowest submissions: " + ", ".join(f"{md(s)} ({sec:.1f} s)" for s, _, sec in slowest), ""]
    if problems:
        lines += ["Submissions that could not be (fully) graded:", ""]
        lines += [f"- {md(s)}: {md(err)}" for s, err in problems]
        lines.append("")
    return lines


def _score_histogram(assignment: str, scores: list[float], max_score: float, figures: Path) -> Path:
    # matplotlib's object interface (no pyplot: nothing global, half the import) and fixed margins (tight_layout
    # measured every label of the 12 figures of a course again: 0.5 of the report's 1.3 s)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(6, 3))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.hist(scores, bins=min(20, max(5, int(max_score) + 1)), range=(0, max_score or 1), color="tab:blue",
            edgecolor="white")
    ax.set_xlabel("score")
    ax.set_ylabel("students")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # no half students
    ax.set_title(f"{assignment}: score distribution")
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.17, top=0.9)
    png = figures / f"{assignment}-scores.png"
    fig.savefig(png, dpi=100)
    return png


def _test_table(entries: list[tuple[str, dict, float]]) -> list[str]:
    """A row per test cell: mean points, pass rate and the most frequent hints (escaped student text)."""
    points: dict[str, list[float]] = defaultdict(list)
    maxes: dict[str, float] = {}
    passed: Counter = Counter()
    hints: dict[str, Counter] = defaultdict(Counter)
    order: list[str] = []
    for _, result, _ in entries:
        for q in result.get("questions", []):
            gid = q["grade_id"]
            if gid not in maxes:
                order.append(gid)
            points[gid].append(q["points"])
            maxes[gid] = q["max_points"]
            passed[gid] += q["status"] == "passed"
            if q["status"] != "passed" and q.get("message") and q["message"] != result.get("error"):
                hints[gid][q["message"]] += 1
    lines = ["| test | mean | pass rate | most frequent hints |", "|---|---|---|---|"]
    for gid in order:
        n = len(points[gid])
        top = "<br>".join(f"{c}× {md(m)}" for m, c in hints[gid].most_common(MAX_HINTS)) or ""
        lines.append(f"| `{gid}` | {_fmt(sum(points[gid]) / n)} / {_fmt(maxes[gid])} | "
                     f"{100 * passed[gid] / n:.0f}% | {top} |")
    lines.append("")
    return lines
