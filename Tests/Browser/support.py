"""Shared pieces of the browser suite: one headless Chromium, the server under
test, the kernel engine it runs, and a page object for the notebook.

The suite is driven by run_suite.py (called from scripts/browser-tests.sh),
which sets TAPELAB_URL to a running server.
"""

import json
import os
import pathlib
import shutil
import tempfile
import time
import unittest
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import JavascriptException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ARTIFACTS = HERE / "artifacts"
LAB_NOTEBOOK = ROOT / "Tests" / "Conformance" / "tf" / "lab_gradient_tape_basics.ipynb"
EXAMPLE_NOTEBOOK = ROOT / "web" / "examples" / "gradient_tape_basics.ipynb"

DESKTOP = (1280, 800)
PHONE = (390, 844)
WAIT_SECONDS = float(os.environ.get("TAPELAB_BROWSER_WAIT", "15"))


def base_url():
    url = os.environ.get("TAPELAB_URL", "http://127.0.0.1:8080/")
    return url if url.endswith("/") else url + "/"


def api(method, path, body=None, url=None, token=None):
    """Calls the server directly (not through the page); returns (status, decoded JSON or None)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request((url or base_url()) + path.lstrip("/"), data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            payload = response.read()
            return response.status, json.loads(payload) if payload else None
    except urllib.error.HTTPError as error:
        payload = error.read()
        try:
            return error.code, json.loads(payload) if payload else None
        except ValueError:
            return error.code, None


class Engine:
    """The cell language of the server's kernel, so tests can say the same thing in either.

    The real kernel runs Python; the server's command test engine runs a
    line-oriented command language (see Sources/Kernel/CommandEngine.swift).
    Everything here except the lab itself works against both.
    """

    def __init__(self, python):
        self.python = python
        self.name = "Python kernel" if python else "command test engine"

    def print(self, text):
        return f"print({text!r})" if self.python else f"print {text}"

    def set(self, name, value):
        return f"{name} = {value}" if self.python else f"set {name} {value}"

    def get(self, name):
        return name if self.python else f"get {name}"

    # (code, ename, evalue)
    @property
    def error(self):
        if self.python:
            return "1/0", "ZeroDivisionError", "division by zero"
        return "raise ZeroDivisionError division by zero", "ZeroDivisionError", "division by zero"

    @property
    def endless(self):
        return "while True: pass" if self.python else "loop"

    def many_lines(self, count):
        if self.python:
            return f"for i in range({count}):\n    print('line', i)"
        return f"repeat {count} print a line of output"


_engine = None


def engine():
    """Asks the server once which engine its sessions run: Python answers `1/0` with ZeroDivisionError."""
    global _engine
    if _engine is None:
        status, reply = api("POST", "api/execute", {"code": "1/0"})
        if status != 200:
            raise RuntimeError(f"POST /api/execute answered {status}: {reply}")
        enames = [o.get("ename") for o in reply.get("outputs", []) if o.get("output_type") == "error"]
        _engine = Engine(python=enames == ["ZeroDivisionError"])
    return _engine


_driver = None
_downloads = None


def downloads_dir():
    global _downloads
    if _downloads is None:
        _downloads = pathlib.Path(tempfile.mkdtemp(prefix="tapelab-downloads-"))
    return _downloads


def driver():
    """The suite's one headless Chromium (started on first use)."""
    global _driver
    if _driver is not None:
        return _driver
    options = webdriver.ChromeOptions()
    binary = os.environ.get("CHROMIUM_BIN") or shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
        "--force-device-scale-factor=1",
        "--lang=en-US",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads_dir()),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "safebrowsing.enabled": False,
        },
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chromedriver = os.environ.get("CHROMEDRIVER_BIN") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
    _driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    _driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads_dir())})
    set_viewport(*DESKTOP)
    return _driver


def set_viewport(width, height):
    """Makes the page's viewport exactly width×height CSS pixels."""
    _driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def quit_driver():
    global _driver
    if _driver is not None:
        _driver.quit()
        _driver = None
    if _downloads is not None:
        shutil.rmtree(_downloads, ignore_errors=True)


def screenshot(name):
    """Saves a PNG of the page to Tests/Browser/artifacts/<name>.png and returns its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    if _driver is not None:
        _driver.save_screenshot(str(path))
    return path


def expected_lab_outputs():
    """The lab's outputs per code cell, consecutive streams of one name merged (Tests/Conformance rules)."""
    notebook = json.loads(LAB_NOTEBOOK.read_text())
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        merged = []
        for output in cell.get("outputs", []):
            kind = output["output_type"]
            if kind == "stream":
                text = "".join(output["text"]) if isinstance(output["text"], list) else output["text"]
                if merged and merged[-1]["type"] == "stream" and merged[-1]["name"] == output["name"]:
                    merged[-1]["text"] += text
                else:
                    merged.append({"type": "stream", "name": output["name"], "text": text})
            elif kind in ("execute_result", "display_data"):
                plain = output["data"]["text/plain"]
                merged.append({"type": kind, "text": "".join(plain) if isinstance(plain, list) else plain})
            else:
                merged.append({"type": "error", "ename": output["ename"], "evalue": output["evalue"]})
        cells.append(merged)
    return cells


def lab_code_sources():
    notebook = json.loads(LAB_NOTEBOOK.read_text())
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in notebook["cells"] if c["cell_type"] == "code"]


class NotebookPage:
    """The notebook page as a person uses it, with explicit waits."""

    def __init__(self, url=None):
        self.driver = driver()
        self.url = url or base_url()

    def wait(self, condition, message, timeout=WAIT_SECONDS):
        def check(_):
            try:
                return condition()
            except (StaleElementReferenceException, JavascriptException):
                return False

        return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(check, message)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    # Loading

    def open_fresh(self, wait_for_kernel=True):
        """Loads the page with nothing saved: a new notebook on a new session."""
        # Cleared from another page of the same origin: the notebook page saves itself as it unloads.
        self.driver.get(self.url + "healthz")
        self.js("localStorage.clear(); sessionStorage.clear();")
        self.driver.get(self.url)
        if wait_for_kernel:
            self.wait_kernel("idle")
        return self

    def reload(self):
        self.driver.refresh()
        self.wait(lambda: self.js("return !!window.tapelab"), "the page did not start after reload")

    def kernel_state(self):
        return self.js("return document.getElementById('kernel-status').dataset.state")

    def wait_kernel(self, state, timeout=WAIT_SECONDS):
        self.wait(lambda: self.kernel_state() == state, f"the kernel never became {state!r} (it is {self.kernel_state()!r})", timeout)

    def wait_idle(self, timeout=WAIT_SECONDS):
        """Waits until the kernel and every cell are idle."""
        self.wait(
            lambda: self.kernel_state() == "idle"
            and self.js("return [...document.querySelectorAll('.cell')].every(c => c.dataset.state === 'idle')"),
            "cells were still running",
            timeout,
        )

    def session_id(self):
        return self.js("return window.tapelab.kernel.sessionId")

    # Toolbar

    def click(self, element_id):
        self.driver.find_element(By.ID, element_id).click()

    def open_example(self):
        self.click("open-example")
        self.wait(lambda: self.js("return document.title").startswith("gradient_tape_basics"), "the example did not open")
        self.wait_for_save()

    def banner(self):
        return self.js(
            "const b = document.getElementById('banner');"
            "return b.hidden ? null : {text: document.getElementById('banner-text').textContent,"
            " action: document.getElementById('banner-action').hidden ? null : document.getElementById('banner-action').textContent,"
            " kind: b.dataset.kind}"
        )

    # Cells

    def cells(self):
        return self.driver.find_elements(By.CSS_SELECTOR, "#cells > .cell")

    def cell_count(self):
        return self.js("return document.querySelectorAll('#cells > .cell').length")

    def code_cells(self):
        return self.driver.find_elements(By.CSS_SELECTOR, "#cells > .cell[data-cell-type=code]")

    def editor(self, index):
        return self.cells()[index].find_element(By.CSS_SELECTOR, "textarea.editor")

    def set_source(self, index, text):
        """Puts text in cell `index` as if pasted (typing would trigger auto-indent)."""
        self.js(
            "const e = document.querySelectorAll('#cells > .cell')[arguments[0]].querySelector('textarea.editor');"
            "e.focus(); e.value = arguments[1]; e.dispatchEvent(new Event('input', {bubbles: true}));",
            index,
            text,
        )

    def sources(self):
        return self.js("return window.tapelab.notebook.cells.map(c => [c.type, c.source])")

    def add_code(self, text):
        """Adds a code cell at the end holding text; returns its index."""
        self.click("add-code")
        index = self.cell_count() - 1
        self.set_source(index, text)
        return index

    def run_cell(self, index, keys=(Keys.CONTROL, Keys.ENTER)):
        editor = self.editor(index)
        self.js("arguments[0].scrollIntoView({block: 'center'})", editor)
        editor.click()
        editor.send_keys(*keys)

    def prompt(self, index):
        return self.js("return document.querySelectorAll('#cells > .cell')[arguments[0]].querySelector('.prompt').textContent", index)

    def outputs(self, index):
        """The outputs of cell `index` as the DOM shows them (text content, byte for byte)."""
        return self.js(
            """
            const cell = document.querySelectorAll('#cells > .cell')[arguments[0]];
            return [...cell.querySelectorAll('.outputs .output')].map(o => {
              const d = {type: o.dataset.outputType, text: o.textContent};
              if (o.dataset.name) d.name = o.dataset.name;
              if (o.dataset.outputType === 'error') { d.ename = o.dataset.ename; d.evalue = o.dataset.evalue; }
              return d;
            });
            """,
            index,
        )

    def wait_outputs(self, index, count=1):
        self.wait(
            lambda: len(self.outputs(index)) >= count and self.js(
                "return document.querySelectorAll('#cells > .cell')[arguments[0]].dataset.state === 'idle'", index
            ),
            f"cell {index + 1} showed no output",
        )
        return self.outputs(index)

    def saved(self):
        raw = self.js("return localStorage.getItem('tapelab.notebook')")
        return json.loads(raw) if raw else None

    def wait_for_save(self):
        """Waits until localStorage holds the notebook as the page shows it."""
        self.wait(
            lambda: self.js(
                "const s = localStorage.getItem('tapelab.notebook'); if (!s) return false;"
                "const saved = JSON.parse(s).notebook.cells.map(c => [c.cell_type, [].concat(c.source).join('')]);"
                "const shown = window.tapelab.notebook.cells.map(c => [c.type, c.source]);"
                "return JSON.stringify(saved) === JSON.stringify(shown);"
            ),
            "the notebook was not autosaved",
        )


class BrowserTestCase(unittest.TestCase):
    """A test that uses the shared browser; run_suite.py keeps a screenshot when one fails."""

    page: NotebookPage

    def setUp(self):
        driver()
        set_viewport(*DESKTOP)
        self.page = NotebookPage()
        self.engine = engine()

    def tearDown(self):
        # Script errors in the page fail the test; failed requests (401, 404) are expected in some tests.
        logs = driver().get_log("browser")
        errors = [e["message"] for e in logs if e["level"] == "SEVERE" and "Failed to load resource" not in e["message"]]
        self.assertEqual(errors, [], "the page logged errors")

    def download(self, click, suffix, timeout=WAIT_SECONDS):
        """Empties the download folder, calls click(), and returns the one file it downloads."""
        for old in downloads_dir().iterdir():
            old.unlink()
        click()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = [p for p in downloads_dir().iterdir() if p.name.endswith(suffix)]
            if done:
                return done[0]
            time.sleep(0.05)
        self.fail(f"no *{suffix} file was downloaded to {downloads_dir()}")
