"""Per-student HTML feedback that shows the student's answers, points and hints, and no hidden test.

nbgrader's own ``generate_feedback`` renders the autograded notebook as it ran, test cells and their
tracebacks included, which gives the hidden tests away (nbgrader issue #917). Here every test cell is
replaced by a one-line verdict built from the grading result, and outputs of test cells are dropped.

The instructor opens these pages too, so nothing a student wrote may run in the browser: student cells
are rebuilt safe (:mod:`autograder.classroom.sanitize`), every Markdown and HTML fragment is sanitized,
hints are plain text, and the page has no script and a Content-Security-Policy that forbids them.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import nbformat
from jinja2 import pass_context
from nbconvert import HTMLExporter
from nbformat import NotebookNode

from autograder.classroom.safe_text import markdown_text as md
from autograder.classroom.sanitize import CONTENT_SECURITY_POLICY, clean_html, new_cell, student_cell
from autograder.course.notebooks import read_notebook
from autograder.grading.verdict import STATUS_ICON as ICON, is_test_cell

TEMPLATES = Path(__file__).parent / "templates"


def _verdict_cell(q: dict) -> NotebookNode:
    text = (f"**{ICON.get(q['status'], '')} Test `{q['grade_id']}`: {q['points']:g} / {q['max_points']:g} points "
            f"({q['status']})**")
    if q.get("message"):
        text += f"  \n{md(q['message'])}"
    return new_cell("markdown", text)


def feedback_notebook(graded: NotebookNode, result: dict, student: str) -> NotebookNode:
    """The student's notebook with each test cell replaced by its verdict, and a summary on top."""
    by_id = {q["grade_id"]: q for q in result.get("questions", [])}
    cells = []
    for cell in graded.cells:
        if is_test_cell(cell):
            q = by_id.get(cell.metadata.nbgrader["grade_id"])
            if q is not None:
                cells.append(_verdict_cell(q))
            continue
        cells.append(student_cell(cell))  # the student's own cells, with their own (safe) outputs and errors
    rows = "\n".join(f"| `{q['grade_id']}` | {ICON.get(q['status'], '')} {q['status']} | "
                     f"{q['points']:g} / {q['max_points']:g} | {md(q.get('message', ''))} |"
                     for q in result.get("questions", []))
    head = (f"# Feedback for {md(student)}: {md(str(result.get('assignment')))}\n\n"
            f"**Score: {result.get('score')} / {result.get('max_score')}**\n\n"
            "| Test | Result | Points | Hint |\n|---|---|---|---|\n" + rows)
    nb = nbformat.v4.new_notebook(cells=[new_cell("markdown", head), *cells])
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    return nb


_NO_ALT = re.compile(r"<img(?![^>]*\salt=)")
_FOCUSABLE = re.compile(r'(<div class="(?:[^"]* )?(?:jp-Cell-inputWrapper|jp-OutputArea-output)(?: [^"]*)?")')


class _RememberedHighlight:
    """nbconvert's code highlighting, remembered by source: in a class's pages most code cells are the same
    (the given code, the imports), and Pygments took a third of a page's rendering time. A cell whose
    metadata names another language for its magics, or a long one (a student's pasted data), is highlighted
    afresh: what a worker remembers stays within about :data:`REMEMBERED_CELLS` short cells."""

    def __init__(self, highlight):
        self._highlight = highlight
        self._lexer = highlight.pygments_lexer

    def __call__(self, source, language=None, metadata=None):
        if (metadata and "magics_language" in metadata) or self._highlight.extra_formatter_options \
                or len(source) > REMEMBERED_CHARS:
            return self._highlight(source, language, metadata)
        return _highlighted(source, language or self._lexer)


REMEMBERED_CELLS = 1024  # highlighted code cells a worker keeps (a class's given code fits many times over)
REMEMBERED_CHARS = 10_000  # longer sources are highlighted every time, never kept


@lru_cache(maxsize=REMEMBERED_CELLS)
def _highlighted(source: str, language: str) -> str:
    from nbconvert.filters.highlight import Highlight2HTML

    return Highlight2HTML(pygments_lexer=language)(source, language)


class FeedbackExporter(HTMLExporter):
    """nbconvert's HTML exporter without its BeautifulSoup pass over the finished page, which took 0.13 s of a
    page's 0.28 s to make two accessibility fixes: images get an alternative text, and code inputs and outputs
    are focusable. The same fixes are made here on the page as the template wrote it."""

    def from_notebook_node(self, nb: NotebookNode, resources: dict | None = None, **kw):
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        info = nb.metadata.get("language_info", {})
        resources = self._init_resources(resources)
        self.register_filter("highlight_code", self.filters.get("highlight_code", _RememberedHighlight(
            Highlight2HTML(pygments_lexer=info.get("pygments_lexer", info.get("name")), parent=self))))
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        page = _NO_ALT.sub('<img alt="No description has been provided for this image"', page)
        return _FOCUSABLE.sub(r'\1 tabindex="0"', page), resources

    @pass_context
    def markdown2html(self, context, source):
        """Markdown rendered once per text: the cells here have no attachments (``student_cell`` drops them),
        so the HTML depends on the text alone, and a class's pages repeat the assignment's text and hints."""
        if len(source) > REMEMBERED_CHARS:
            return HTMLExporter.markdown2html(self, context, source)
        return _markdown_html(self, source)


@lru_cache(maxsize=REMEMBERED_CELLS)
def _markdown_html(exporter: HTMLExporter, source: str) -> str:
    return HTMLExporter.markdown2html(exporter, {}, source)


@lru_cache(maxsize=REMEMBERED_CELLS)
def _clean_remembered(fragment: str) -> str:
    return clean_html(fragment)


def _clean_html(fragment: object) -> str:
    """:func:`clean_html` remembered by text (bleach was 40% of a page), for fragments of a cell's size."""
    text = str(fragment)
    return _clean_remembered(text) if len(text) <= REMEMBERED_CHARS else clean_html(fragment)


@lru_cache(maxsize=1)
def _exporter() -> HTMLExporter:
    # the templates are loaded once per process (saves ~0.05 s a page); clean_html replaces nbconvert's
    # filter of that name, which the template runs on every Markdown and HTML fragment when sanitizing; the
    # notebook is validated once, after the preprocessors, not after each of them
    exporter = FeedbackExporter(template_name="feedback", extra_template_basedirs=[str(TEMPLATES)],
                                sanitize_html=True, optimistic_validation=True)
    exporter.register_filter("clean_html", _clean_html)
    return exporter


def render_feedback(nb: NotebookNode) -> str:
    body, _ = _exporter().from_notebook_node(nb, resources={"content_security_policy": CONTENT_SECURITY_POLICY})
    return body


def plain_feedback(result: dict, student: str) -> str:
    """The verdicts alone, as escaped HTML: the page when the notebook itself cannot be rendered."""
    rows = "".join(f"<tr><td>{html.escape(str(q.get('grade_id')))}</td><td>{html.escape(str(q.get('status')))}</td>"
                   f"<td>{q.get('points', 0):g} / {q.get('max_points', 0):g}</td>"
                   f"<td>{html.escape(str(q.get('message', '')))}</td></tr>" for q in result.get("questions", []))
    return (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
            f'content="{CONTENT_SECURITY_POLICY}"><meta charset="utf-8"><title>Feedback</title></head><body>'
            f"<h1>Feedback for {html.escape(student)}: {html.escape(str(result.get('assignment')))}</h1>"
            f"<p><strong>Score: {html.escape(str(result.get('score')))} / "
            f"{html.escape(str(result.get('max_score')))}</strong></p>"
            f"<table><tr><th>Test</th><th>Result</th><th>Points</th><th>Hint</th></tr>{rows}</table></body></html>")


def feedback_html(graded_path: Path, result: dict, student: str) -> str:
    """The feedback page; a notebook that cannot be rendered gets the verdicts alone, never a lost grade."""
    try:
        return render_feedback(feedback_notebook(read_notebook(graded_path), result, student))
    except Exception:  # nbconvert or a student's odd content: the grade must still be recorded
        return plain_feedback(result, student)
