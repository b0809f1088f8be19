"""End to end, in a real browser: a student opens the course in JupyterLab, answers a question, checks it
from a cell, reads a lecture figure and moves a slider of an interactive figure.

JupyterLab (this venv's, with its python3 kernel) serves a temporary copy of course/ and exercises/;
Playwright drives Debian's Chromium (/usr/bin/chromium, installed by `make test`; never a downloaded
browser). A screenshot of every step lands in tests/artifacts/screenshots/ (git-ignored), so a failure can
be looked at, and so can a success.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "linalg-ml-course-browser-test"
TIMEOUT_MS = 60_000  # per step: a loaded CI machine starts kernels slowly

EXERCISE = "exercises/01-vectors/01-vectors-exercises.ipynb"
ANSWER_Q1 = ("faulty_line = 5\n"  # keeps the def line the answer cell is found by, the body on that same line
             "def pairwise_distances(X, Y): return np.linalg.norm("
             "np.asarray(X, float)[:, None, :] - np.asarray(Y, float)[None, :, :], axis=2)")
SELF_CHECK = ("import sys\n"
              "from autograder.incell import check, check_all\n"
              "print('kernel:', sys.executable)\n"
              "display(check('q1-distance-digits'))\n"
              "check_all()")
# the interactive figures, found by their cell's first line (CodeMirror renders long cells lazily)
LECTURE = "course/05-determinants.ipynb"
WIDGET_CELL = "def draw_plane_map(ax, M):"
SVD_LECTURE = "course/06-svd.ipynb"
SVD_WIDGET_CELL = "def rank_k_explorer(k0):"


def _requirements():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser test drives Debian's Chromium. Install it with "
                    "`make test` (or `apt-get install chromium`).", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Python package playwright is missing: `pip install -e '.[test]'` (or `make test`). "
                    "Never `playwright install`: the test uses /usr/bin/chromium.", pytrace=False)
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def screenshots() -> Path:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 over a copy of course/ and exercises/; its base URL (with token)."""
    _requirements()
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "root"
    # The folders as a clone has them, text twins included, with each lecture's .ipynb a minute newer than
    # its .py: a jupytext-paired notebook would then refuse to open ("... is more recent than ..."); the
    # build writes them unpaired, so the lecture opens as built, navigation cells and all.
    for folder in ("course", "exercises"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for text in (root / "course").glob("[0-9][0-9]-*.py"):
        older = text.stat().st_mtime - 60
        os.utime(text, (older, older))
    home = {name: tmp / name for name in ("config", "data", "runtime", "settings", "workspaces")}
    for path in home.values():
        path.mkdir()
    # no news or update pop-ups over the notebook
    notification = home["settings"] / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = {k: v for k, v in os.environ.items()
           if k not in ("NBGRADER_EXECUTION", "AUTOGRADER_NOTEBOOK", "JUPYTER_PATH", "JPY_SESSION_NAME")}
    env.update(JUPYTER_CONFIG_DIR=str(home["config"]), JUPYTER_DATA_DIR=str(home["data"]),
               JUPYTER_RUNTIME_DIR=str(home["runtime"]), JUPYTERLAB_SETTINGS_DIR=str(home["settings"]),
               JUPYTERLAB_WORKSPACES_DIR=str(home["workspaces"]),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    port = _free_port()
    argv = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    with (tmp / "lab.log").open("w") as log:
        server = subprocess.Popen(argv, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        url = None
        while url is None:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not start:\n{(tmp / 'lab.log').read_text()[-3000:]}", pytrace=False)
            for info in home["runtime"].glob("jpserver-*.json"):  # the port it really listens on
                try:
                    candidate = json.loads(info.read_text()).get("url")
                    if candidate and _get_json(f"{candidate}api/status?token={TOKEN}"):
                        url = candidate
                except (OSError, ValueError):  # not written in full yet, or not answering yet
                    pass
            time.sleep(0.3)
        specs = _get_json(f"{url}api/kernelspecs?token={TOKEN}")
        assert specs["default"] == "python3"
        yield {"url": url.rstrip("/"), "root": root, "log": tmp / "lab.log"}
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)  # the server shuts its kernels down, then exits
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)  # its process group: the server and what it started
                server.wait(timeout=15)


@pytest.fixture(scope="module")
def browser(lab):
    sync_playwright = _requirements()
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_lab(lab, browser, screenshots, request):
    """open_lab(path): a new page with `path` open in JupyterLab (a workspace of its own), kernel idle."""
    contexts, failed_before = [], request.session.testsfailed

    def opener(path: str):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        workspace = re.sub(r"\W+", "-", request.node.name)
        page.goto(f"{lab['url']}/lab/workspaces/{workspace}/tree/{path}?reset&token={TOKEN}")
        current_notebook(page).locator(".jp-Cell").first.wait_for()
        wait_idle(page)
        return page

    yield opener
    for context in contexts:
        if request.session.testsfailed > failed_before:  # what the page looked like when the test failed
            for page in context.pages:
                page.screenshot(path=str(SCREENSHOTS / f"FAILED-{request.node.name}.png"))
        context.close()


def current_notebook(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def wait_idle(page) -> None:
    """Until the current notebook's kernel (this venv's python3) is connected and idle."""
    page.locator("#jp-main-statusbar").get_by_text(re.compile(r"^Python 3 \(ipykernel\) \| Idle$")).wait_for()


def run_and_wait(page, action) -> None:
    """Do `action` (which runs cells), then wait until every cell it started has finished."""
    notebook = current_notebook(page).element_handle()
    page.evaluate("""nb => {
        nb.__started = false;
        const seen = () => { if (nb.querySelector('.jp-InputPrompt') &&
                                 [...nb.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*')))
                               nb.__started = true; };
        nb.__observer?.disconnect();
        nb.__observer = new MutationObserver(seen);
        nb.__observer.observe(nb, {subtree: true, childList: true, characterData: true});
    }""", notebook)
    action()
    page.wait_for_function("""nb => nb.__started &&
        ![...nb.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'))""",
                           arg=notebook, timeout=2 * TIMEOUT_MS)
    wait_idle(page)


def shot(page, name: str, target=None) -> Path:
    """A screenshot of the page in SCREENSHOTS/name.png, with `target` (a locator) at the top of the view."""
    if target is not None:
        target.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(400)  # JupyterLab paints cells that scroll into view on the next frames
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def code_cell(page, text: str):
    """The first code cell of the current notebook whose source contains `text`."""
    return current_notebook(page).locator(".jp-CodeCell").filter(
        has=page.locator(".jp-InputArea-editor", has_text=text)).first


def text_of(locator) -> str:
    """The text even of a cell scrolled out of view (JupyterLab skips rendering those: no innerText)."""
    return " ".join((locator.text_content() or "").split())


def run_menu(page, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")).click()


def test_the_start_page_lists_the_chapters_and_opens_an_exercise(open_lab):
    page = open_lab("course/00-start-here.ipynb")
    rendered = current_notebook(page).locator(".jp-RenderedMarkdown")
    rendered.filter(has_text="start here").first.wait_for()
    table = rendered.locator("table").first
    for title in ("Vectors", "Linear transformations", "Determinants", "Eigendecomposition and the SVD"):
        assert table.get_by_role("link", name=title).is_visible()
    shot(page, "01-start-page")
    # the chapter 01 row's "exercises" link opens the exercise notebook in JupyterLab
    table.locator("tr", has_text="Vectors").get_by_role("link", name="exercises").click()
    page.locator(".lm-DockPanel .lm-TabBar-tab.lm-mod-current", has_text="01-vectors-exercises.ipynb").wait_for()
    current_notebook(page).locator(".jp-RenderedMarkdown", has_text="Chapter 01 exercises").wait_for()
    wait_idle(page)
    shot(page, "02-exercise-opened")


def test_a_student_answers_a_question_and_checks_it_from_a_cell(open_lab, lab):
    page = open_lab(EXERCISE)
    answer = code_cell(page, "def pairwise_distances(X, Y):")
    editor = answer.locator(".cm-content")
    editor.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(ANSWER_Q1)
    assert "NotImplementedError" not in text_of(editor)
    # Run All stops at the first test of a question still unanswered: q2's normalize() is a stub
    run_and_wait(page, lambda: run_menu(page, "Run All Cells"))
    q2_test = code_cell(page, "assert_close(normalize(")
    assert "NotImplementedError" in text_of(q2_test.locator(".jp-OutputArea"))
    assert text_of(code_cell(page, "assert isinstance(faulty_line").locator(".jp-OutputArea")) == ""  # q1's test passed
    assert re.fullmatch(r"\[\d+\]:", text_of(answer.locator(".jp-InputPrompt")))
    assert text_of(answer.locator(".jp-OutputArea")) == ""  # the answer ran without an error
    page.keyboard.press("Escape")
    page.keyboard.press("ControlOrMeta+s")
    page.locator(".lm-DockPanel .lm-TabBar-tab.lm-mod-current:not(.jp-mod-dirty)",
                 has_text="01-vectors-exercises.ipynb").wait_for()
    saved = json.loads((lab["root"] / EXERCISE).read_text())
    assert any("faulty_line = 5" in "".join(c["source"]) for c in saved["cells"])
    shot(page, "03-exercise-answered", answer)

    # a new cell under the answer: the self-check, as the start page and the README show it
    answer.locator(".jp-InputPrompt").click()  # selects the cell, in command mode
    page.keyboard.press("b")
    current_notebook(page).locator(".jp-Cell.jp-mod-active .cm-content").click()
    page.keyboard.insert_text(SELF_CHECK)
    check_cell = code_cell(page, "from autograder.incell import check, check_all")
    run_and_wait(page, lambda: page.keyboard.press("Shift+Enter"))  # check_all runs the saved file afresh
    report = check_cell.locator(".autograder-check", has_text="Self-check of the saved notebook")
    live = check_cell.locator(".autograder-check", has_text="Self-check of q1-distance-digits")
    shot(page, "04-self-check", check_cell)

    assert f"kernel: {sys.executable}" in text_of(check_cell.locator(".jp-OutputArea"))  # this venv's kernel
    assert "passed" in text_of(live.locator("tr", has_text="q1-distance-digits-visible"))
    assert "hidden" in text_of(live.locator("tr", has_text="q1-distance-digits-hidden"))
    assert "1 / 7 visible points" in text_of(report)
    assert "passed" in text_of(report.locator("tr", has_text="q1-distance-digits-visible"))
    for other in ("q2-normalize-visible", "q3-project-visible", "q7-gram-schmidt-visible"):
        row = text_of(report.locator("tr", has_text=other))
        assert "missing" in row and "not answered" in row, row


def run_widget_cell(page, first_line: str):
    """Run the cells above the one starting with `first_line`, then that one; the cell."""
    cell = code_cell(page, first_line)
    cell.locator(".jp-InputPrompt").click()  # select it, in command mode
    run_and_wait(page, lambda: run_menu(page, "Run All Above Selected Cell"))
    cell.locator(".jp-InputPrompt").click()
    run_and_wait(page, lambda: page.keyboard.press("Shift+Enter"))
    return cell


def set_slider(page, cell, name: str, value: str) -> None:
    """Type a value into the readout of the slider labelled `name`, as a student can."""
    slider = cell.locator(".widget-slider").filter(has=page.locator(".widget-label", has_text=re.compile(rf"^{name}$")))
    slider.locator(".widget-readout").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def wait_redrawn(page, cell, info, text: str, old_src: str) -> None:
    """Until the widget's text contains `text` and the cell's figure is a new image."""
    page.wait_for_function("([el, text]) => el.textContent.includes(text)", arg=[info.element_handle(), text])
    page.wait_for_function("([cell, old]) => [...cell.querySelectorAll('.jp-OutputArea-output img')]"
                           ".some(img => img.src !== old && img.complete)", arg=[cell.element_handle(), old_src])
    wait_idle(page)


def test_a_lecture_shows_its_figures_and_its_sliders_redraw_the_figure(open_lab):
    page = open_lab(LECTURE)
    # opened as built, with its generated links (not re-read from the older text twin next to it)
    nav = current_notebook(page).locator(".jp-RenderedMarkdown a", has_text="Start page")
    nav.first.wait_for(timeout=30_000)
    first_figure = current_notebook(page).locator(".jp-OutputArea-output img").first  # saved: no run needed
    first_figure.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=first_figure.element_handle())
    shot(page, "05-lecture-figure")

    cell = run_widget_cell(page, WIDGET_CELL)
    info = cell.locator(".widget-html", has_text="det A")
    figure = cell.locator(".jp-OutputArea-output img").last
    before_info, before_src = text_of(info), figure.get_attribute("src")
    assert "= 2.50" in before_info, before_info
    shot(page, "06-widget-before", cell.locator(".jp-OutputArea"))

    set_slider(page, cell, "c", "1.0")
    set_slider(page, cell, "d", "0.5")  # the columns (2, 1) and (1, 0.5) are parallel: det 0
    wait_redrawn(page, cell, info, "= 0.00", before_src)
    after_info = text_of(info)
    assert "= 0.00" in after_info and after_info != before_info
    assert figure.get_attribute("src") != before_src
    assert cell.locator(".jp-OutputArea-output img").count() == 1  # redrawn in place, not added below
    shot(page, "07-widget-after", cell.locator(".jp-OutputArea"))


def test_the_rank_slider_recombines_the_photograph(open_lab):
    page = open_lab(SVD_LECTURE)
    cell = run_widget_cell(page, SVD_WIDGET_CELL)
    info = cell.locator(".widget-html", has_text="storage")
    figure = cell.locator(".jp-OutputArea-output img").last
    before_src = figure.get_attribute("src")
    assert "k = 20:" in text_of(info) and "relative error 0.192" in text_of(info), text_of(info)
    set_slider(page, cell, "rank k", "5")
    wait_redrawn(page, cell, info, "k = 5:", before_src)
    assert "1.8%" in text_of(info) and "relative error 0.346" in text_of(info), text_of(info)  # the table's
    assert cell.locator(".jp-OutputArea-output img").count() == 1
    shot(page, "08-rank-slider", cell.locator(".jp-OutputArea"))
