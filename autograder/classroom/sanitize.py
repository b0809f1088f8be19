"""Student notebooks made safe to open in the instructor's browser: no script, no live javascript: link.

A feedback page shows the student's own cells and outputs, and a student controls all of them: markdown
with ``<script>`` or ``<img onerror=...>``, outputs of any MIME type (``application/javascript``,
``text/html``, ``image/svg+xml``), cell metadata and ids. Here each student cell is rebuilt from its text
alone (no metadata, no attachments, a fresh id); outputs keep only plain text, validated PNG/JPEG/GIF
images, and HTML or Markdown that :func:`clean_html` sanitizes; anything else is shown as its text.
:func:`clean_html` (bleach, an allowlist) is also what the page template runs on every rendered Markdown
and HTML fragment, and the page carries a Content-Security-Policy that forbids scripts.
"""

from __future__ import annotations

import re

import bleach
import nbformat
from nbformat import NotebookNode
from nbformat.v4.nbbase import random_cell_id

CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'"

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul", "var",
})
PROTOCOLS = frozenset({"http", "https", "mailto", "data"})
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/=\s]*", re.IGNORECASE)
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")
IMAGES = ("image/png", "image/jpeg", "image/gif")
SCRIPT_CAPABLE = frozenset({"application/javascript", "text/javascript", "application/x-javascript",
                            "application/ecmascript", "image/svg+xml", "text/vnd.mermaid"})
SHOWN_AS_TEXT_CHARS = 100_000


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in ("class", "title", "colspan", "rowspan", "align"):
        return True
    if tag == "a" and name == "href":  # a link out or within the page, never a data: or script URL
        return not value.strip().lower().startswith("data:")
    if tag == "img" and name == "src":
        return _DATA_IMAGE.fullmatch(value.strip()) is not None
    return tag == "img" and name in ("alt", "width", "height")


def clean_html(fragment: object) -> str:
    """``fragment`` with only allowlisted tags and attributes left; anything else is shown escaped."""
    text = fragment.decode("utf-8", "replace") if isinstance(fragment, bytes) else str(fragment)
    return bleach.clean(text, tags=TAGS, attributes=_allowed_attribute, protocols=PROTOCOLS,
                        strip_comments=True)


def _as_text(value: object) -> str:
    text = "".join(value) if isinstance(value, list) else str(value)
    return text if len(text) <= SHOWN_AS_TEXT_CHARS else text[:SHOWN_AS_TEXT_CHARS] + "\n[... cut]"


def _safe_bundle(data: dict) -> dict:
    """A MIME bundle with only what renders safely; other types become their text (if no text is there)."""
    safe: dict[str, str] = {}
    for mime, value in data.items():
        if mime in ("text/plain", "text/html", "text/markdown", "text/latex"):
            safe[mime] = _as_text(value)
        elif mime in IMAGES and isinstance(value, str) and _BASE64.fullmatch(value):
            safe[mime] = value
    dropped = [m for m in data if m not in safe]
    script = [m for m in dropped if m in SCRIPT_CAPABLE]
    if script or (dropped and "text/plain" not in safe):  # a script is shown as its text, not as a repr
        mime = (script or dropped)[0]
        safe["text/plain"] = f"[{mime} output, shown as text]\n{_as_text(data[mime])}"
    return safe


def _safe_output(output: dict) -> NotebookNode | None:
    kind = output.get("output_type")
    if kind == "stream":
        return nbformat.v4.new_output("stream", name="stderr" if output.get("name") == "stderr" else "stdout",
                                      text=_as_text(output.get("text", "")))
    if kind == "error":
        trace = output.get("traceback") if isinstance(output.get("traceback"), list) else []
        return nbformat.v4.new_output("error", ename=str(output.get("ename", "")), evalue=str(output.get("evalue", "")),
                                      traceback=[str(line) for line in trace])
    if kind in ("display_data", "execute_result") and isinstance(output.get("data"), dict):
        node = nbformat.v4.new_output(kind, data=_safe_bundle(output["data"]))
        if kind == "execute_result":
            node.execution_count = None
        return node
    return None


def new_cell(kind: str, source: str, outputs: list | None = None) -> NotebookNode:
    """The cell ``nbformat.v4.new_code_cell``/``new_markdown_cell`` makes, without validating it on its own (a
    feedback page made 35 such checks): the feedback notebook is validated whole when it is rendered."""
    cell = NotebookNode(id=random_cell_id(), cell_type=kind, metadata=NotebookNode(), source=source)
    if kind == "code":
        cell.update(execution_count=None, outputs=list(outputs or []))
    return cell


def student_cell(cell: dict) -> NotebookNode:
    """A fresh cell with the student's text (and safe outputs): no metadata, attachments or chosen id."""
    source = _as_text(cell.get("source", ""))
    kind = cell.get("cell_type")
    if kind == "code":
        outputs = [o for o in (_safe_output(out) for out in cell.get("outputs", []) if isinstance(out, dict)) if o]
        return new_cell("code", source, outputs)
    if kind == "markdown":
        return new_cell("markdown", source)
    return new_cell("code", source)  # a raw cell: shown as its text
