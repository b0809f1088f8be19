"""What the instructor opens is inert: feedback pages, report.md, grades.csv and the terminal summary."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser

import nbformat
import pytest
from nbconvert import HTMLExporter

from autograder.classroom.feedback import feedback_notebook, render_feedback
from autograder.classroom.results import Job, ResultStore, Summary, write_csv
from autograder.classroom.report import write_report
from autograder.classroom.safe_text import markdown_text, terminal

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's parser sees them."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k.lower(): v or "" for k, v in attrs}))


def assert_inert(page: str, csp: bool = True) -> None:
    tags = Tags(page).tags
    assert "<script" not in page.lower()
    assert not [t for t, _ in tags if t in ("script", "iframe", "object", "embed", "base", "form", "frame")]
    assert not [a for t, a in tags if t == "meta" and a.get("http-equiv", "").lower() == "refresh"]
    assert not [(t, a) for t, attrs in tags for a in attrs if a.startswith("on")]
    assert not [(t, a, v) for t, attrs in tags for a, v in attrs.items()
                if a in URL_ATTRIBUTES and re.sub(r"[\s\x00-\x1f]", "", v).lower().startswith(("javascript:", "vbscript:"))]
    if csp:
        meta = [a for t, a in tags if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
        assert meta and "default-src 'none'" in meta[0]["content"] and "script-src" not in meta[0]["content"]


HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "![x](javascript:alert(1))",
    "<svg onload=alert(1)></svg>",
    "<iframe src='data:text/html,<script>alert(1)</script>'></iframe>",
    "<details open ontoggle=alert(1)>x</details>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<style>@import 'http://evil/x.css';</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '# a" onmouseover="alert(1)',
    "[x](<javascript:alert(1)>) [y](java\tscript:alert(1)) <a href='java&#x09;script:alert(1)'>z</a>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'><base href='javascript:alert(1)//'>",
    "<object data='javascript:alert(1)'></object><embed src='javascript:alert(1)'>",
    "$<img src=x onerror=alert(1)>$ and $$</p><script>alert(1)</script>$$",
]
HOSTILE_OUTPUTS = [
    {"application/javascript": "alert(1)"},
    {"application/javascript": "alert(1)", "text/plain": "<IPython.core.display.Javascript object>"},
    {"text/html": "<script>alert(1)</script><b onmouseover=alert(1)>b</b>", "text/plain": "b"},
    {"text/html": "<img src=x onerror=alert(1)>"},
    {"text/markdown": "[m](javascript:alert(1)) <script>alert(1)</script>"},
    {"image/svg+xml": "<svg onload=alert(1)/>"},
    {"image/png": '"><script>alert(1)</script>'},
    {"application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/html": "<script>1</script>"},
    {"text/vnd.mermaid": "graph TD; A-->B"},
]


def _page(cells, message: str = "a hint", student: str = "mallory") -> str:
    result = {"assignment": "01-vectors", "score": 0, "max_score": 2, "questions": [
        {"grade_id": "q1-norm-hidden", "points": 0, "max_points": 2, "status": "error", "message": message}]}
    return render_feedback(feedback_notebook(nbformat.v4.new_notebook(cells=cells), result, student))


@pytest.mark.parametrize("markdown", HOSTILE_MARKDOWN)
def test_student_markdown_cannot_run_script_in_a_feedback_page(markdown):
    assert_inert(_page([nbformat.v4.new_markdown_cell(f"## My answer\n\n{markdown}\n\nthe end")]))


@pytest.mark.parametrize("source", HOSTILE_MARKDOWN + ["</pre></div><script>alert(1)</script>",
                                    "x = '<img src=x onerror=alert(1)>'  # </span><svg onload=alert(1)>"])
def test_student_code_is_shown_as_text_in_a_feedback_page(source):
    """A code cell's source is highlighted (every character escaped by Pygments), never read as HTML."""
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["language"] = "html"  # a student cannot pick the lexer either: the page's language is Python
    page = _page([cell])
    assert_inert(page)
    assert "alert" in page  # shown, not dropped


@pytest.mark.parametrize("data", HOSTILE_OUTPUTS)
def test_script_capable_outputs_are_dropped_or_shown_as_text(data):
    cell = nbformat.v4.new_code_cell("show()", outputs=[nbformat.v4.new_output("display_data", data=data)])
    cell.metadata["tags"] = ['"><script>alert(1)</script>']  # student-chosen metadata is not rendered
    page = _page([cell])
    assert_inert(page)
    if "application/javascript" in data:
        assert "alert(1)" in page  # shown as text, not lost


@pytest.mark.parametrize("message", ["[click](javascript:alert(1))", "<img src=x onerror=alert(1)>",
                                     "see <https://evil.example/phish> or [this](https://evil.example)"])
def test_a_hint_built_from_the_students_exception_is_plain_text(message):
    page = _page([], message=message, student="<b>mallory</b>")
    assert_inert(page)
    assert not [a for t, a in Tags(page).tags if t == "a" and "evil" in a.get("href", "")]
    assert "<b>mallory" not in page


def test_honest_content_still_renders():
    cell = nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
        nbformat.v4.new_output("execute_result", data={"text/html": "<table><tr><td>1.5</td></tr></table>"})])
    page = _page([nbformat.v4.new_markdown_cell("**Bold** and a [link](https://numpy.org)\n\n| a |\n|---|\n| 1 |"),
                  cell])
    assert_inert(page)
    tags = Tags(page).tags
    assert ("a", {"href": "https://numpy.org"}) in tags and ("strong", {}) in tags
    assert [a for t, a in tags if t == "img" and a.get("src", "").startswith("data:image/png;base64,iVBOR")]
    assert sum(t == "td" for t, _ in tags) >= 2
    # accessible as nbconvert's own HTML export makes a page: images described, inputs and outputs focusable
    assert all(a.get("alt") for t, a in tags if t == "img")
    focusable = [a for t, a in tags if t == "div" and
                 {"jp-Cell-inputWrapper", "jp-OutputArea-output"} & set(a.get("class", "").split())]
    assert len(focusable) >= 4 and all(a.get("tabindex") == "0" for a in focusable)


def test_code_highlighted_once_per_class_shows_as_nbconvert_highlights_it(monkeypatch):
    """Code cells that many pages share are highlighted once and remembered: the page is the same."""
    from autograder.classroom import feedback

    cells = [nbformat.v4.new_code_cell("import numpy as np\nx = np.ones(3)  # '<b>' & \"q\""),
             nbformat.v4.new_code_cell("def f(x):\n    return x @ x\n")]
    first, again = _page(cells), _page(nbformat.from_dict(nbformat.v4.new_notebook(cells=cells)).cells)
    monkeypatch.setattr(feedback._RememberedHighlight, "__call__",
                        lambda self, source, language=None, metadata=None: self._highlight(source, language, metadata))
    fresh = _page(cells)
    without_ids = [re.sub(r'\bid="[^"]*"', "", page) for page in (first, again, fresh)]
    assert "hl-ipython3" in fresh and without_ids[0] == without_ids[1] == without_ids[2]


def test_a_long_code_cell_is_highlighted_but_not_kept_by_the_worker():
    """A student's 2 MB of pasted data is shown, but a worker grading a class must not hold every such page."""
    from autograder.classroom import feedback

    kept = feedback._highlighted.cache_info().currsize
    page = _page([nbformat.v4.new_code_cell("data = [" + "1.5, " * 400_000 + "]")])
    assert "1.5" in page and feedback._highlighted.cache_info().currsize == kept


@pytest.mark.parametrize("markdown", HOSTILE_MARKDOWN[:3])
def test_markdown_rendered_once_per_class_is_the_same_sanitized_page(monkeypatch, markdown):
    """The assignment's text and the common hints are converted and sanitized once per worker, then remembered:
    a page built from remembered fragments is the page built afresh, hostile text included."""
    from autograder.classroom import feedback

    cells = [nbformat.v4.new_markdown_cell(f"## My answer\n\n{markdown}"), nbformat.v4.new_markdown_cell("Given text.")]
    first = _page(cells)
    cleaned = []
    real = feedback.clean_html
    monkeypatch.setattr(feedback, "clean_html", lambda fragment: cleaned.append(fragment) or real(fragment))
    again = _page(cells)
    assert cleaned == []  # nothing converted or sanitized twice
    monkeypatch.setattr(feedback, "_markdown_html", lambda exporter, source: HTMLExporter.markdown2html(
        exporter, {}, source))
    monkeypatch.setattr(feedback, "_clean_remembered", real)
    fresh = _page(cells)
    assert_inert(again)
    assert len({re.sub(r'\bid="[^"]*"', "", page) for page in (first, again, fresh)}) == 1


def test_a_long_markdown_cell_is_rendered_but_not_kept_by_the_worker():
    from autograder.classroom import feedback

    _page([])  # the page's own short cells (its summary, the verdicts) are remembered: they are not the point
    kept = feedback._markdown_html.cache_info().currsize, feedback._clean_remembered.cache_info().currsize
    page = _page([nbformat.v4.new_markdown_cell("| a |\n|---|\n" + "| 1.5 |\n" * 20_000)])
    assert "1.5" in page
    assert (feedback._markdown_html.cache_info().currsize, feedback._clean_remembered.cache_info().currsize) == kept


def test_report_md_shows_student_text_as_text(tmp_path):
    from markdown_it import MarkdownIt

    hint = "[click](javascript:alert(1)) <img src=x onerror=alert(1)> | broken"
    rows = [("<b>mallory</b>", "01-vectors", {"score": 0, "max_score": 2, "error": "[x](javascript:alert(2))",
             "questions": [{"grade_id": "q1", "points": 0, "max_points": 2, "status": "failed", "message": hint}]},
             1.0)]
    text = write_report(rows, tmp_path, notes=["mallory.zip: its manifest names '[x](javascript:alert(3))'"]).read_text()
    page = MarkdownIt("commonmark").enable("table").render(text)
    assert_inert(page, csp=False)
    assert not [t for t, a in Tags(page).tags if t in ("a", "b") or (t == "img" and "report-figures" not in a["src"])]
    assert page.count("<td>") == 4  # the | in the hint did not add a column
    assert "javascript:alert(1)" in page and "javascript:alert(3)" in page  # still readable, as text
    assert "<h2>Intake</h2>" in page and "mallory.zip: its manifest names" in page


def test_a_page_that_cannot_be_rendered_still_records_the_grade_with_inert_verdicts(tmp_path, monkeypatch):
    from autograder.classroom import feedback

    path = tmp_path / "nb.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("hi")]), path)

    def broken(nb):
        raise ValueError("nbconvert could not render this")

    monkeypatch.setattr(feedback, "render_feedback", broken)
    result = {"assignment": "01-vectors", "score": 2, "max_score": 2, "questions": [
        {"grade_id": "q1", "points": 2, "max_points": 2, "status": "passed", "message": "<script>alert(1)</script>"}]}
    page = feedback.feedback_html(path, result, "<b>eve</b>")
    assert_inert(page)
    assert "Score: 2 / 2" in page and "&lt;script&gt;alert(1)" in page and "&lt;b&gt;eve" in page


def test_grades_csv_cells_cannot_be_formulas(tmp_path):
    store = ResultStore(tmp_path / "r.sqlite")
    for student, note in [("alice", "=HYPERLINK(\"http://evil\",\"x\")"), ("bob", "+1+cmd|' /C calc'!A0"),
                          ("carol", "-2+3"), ("dave", "@SUM(A1)"), ("erin", "\t=1"), ("fay", "\r=1"),
                          ("gus", "fine = ok")]:
        store.put(Job(student, "01-vectors", "nb", f"{student}.ipynb", "d"),
                  {"score": 0, "max_score": 2, "questions": [], "error": note}, 0.0)
    write_csv(store, tmp_path / "grades.csv")
    store.close()
    with open(tmp_path / "grades.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 7
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert {r["student"]: r["note"] for r in rows}["gus"] == "fine = ok"
    assert {r["student"]: r["note"] for r in rows}["alice"] == "'=HYPERLINK(\"http://evil\",\"x\")"


def test_the_terminal_summary_strips_control_characters():
    evil = "nb\x1b]0;owned\x07\x1b[2J\x9b31m\u202egnp.ipynb"
    summary = Summary(failed=[(evil, f"{evil}: not a notebook")], notes=[f"{evil}: skipped"],
                      duplicates=[(evil, "x.dup2", "y")])
    text = "\n".join(summary.lines())
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    assert text.count("\\x1b") == 3 * 2 and len(summary.lines()) == 4


def test_escapers_keep_the_text_readable():
    assert terminal("a\x1b[31mb\nc") == "a\\x1b[31mb c"
    assert markdown_text("1.5 | *x*") == "1\\.5 \\| \\*x\\*"
