"""A server with a token: the page asks once, keeps it for the tab, and sends it as a bearer token."""

import os
import socket
import subprocess
import time
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import ROOT, BrowserTestCase, NotebookPage, api

TOKEN = "browser-suite-token"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TokenTests(BrowserTestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        binary = os.environ.get("TAPELAB_BIN")
        if not binary:
            raise RuntimeError("TAPELAB_BIN must name the tapelab executable (scripts/browser-tests.sh sets it)")
        cls.port = free_port()
        cls.url = f"http://127.0.0.1:{cls.port}/"
        cls.log = open(os.environ.get("TAPELAB_TOKEN_SERVER_LOG", os.devnull), "w")
        cls.server = subprocess.Popen(
            [binary, "serve", "--port", str(cls.port), "--token", TOKEN],
            cwd=ROOT,
            stdout=cls.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(cls.url + "healthz", timeout=1):
                    return
            except OSError:
                if cls.server.poll() is not None:
                    break
                time.sleep(0.05)
        cls.tearDownClass()
        raise RuntimeError("the server with a token did not start")

    @classmethod
    def tearDownClass(cls):
        if cls.server is not None:
            cls.server.terminate()
            try:
                cls.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                cls.server.kill()
                cls.server.wait()
            cls.server = None
            cls.log.close()

    def test_page_asks_for_the_token_once_and_sends_it(self):
        self.assertEqual(api("POST", "api/sessions", {}, url=self.url)[0], 401)
        page = NotebookPage(self.url).open_fresh(wait_for_kernel=False)
        page.wait(lambda: page.js("return document.getElementById('token-dialog').open"), "the page did not ask for a token")
        self.assertTrue(page.js("return document.getElementById('token-error').hidden"))
        field = page.driver.find_element(By.ID, "token-input")
        field.send_keys("wrong")
        field.send_keys(Keys.ENTER)
        page.wait(lambda: not page.js("return document.getElementById('token-error').hidden"), "a refused token was not reported")
        field = page.driver.find_element(By.ID, "token-input")
        field.send_keys(TOKEN, Keys.ENTER)
        page.wait_kernel("idle")
        self.assertEqual(page.js("return sessionStorage.getItem('tapelab.token')"), TOKEN)
        self.assertEqual(api("GET", f"api/sessions/{page.session_id()}", url=self.url, token=TOKEN)[0], 200)

        page.set_source(0, self.engine.print("with token"))
        page.run_cell(0)
        self.assertEqual(page.wait_outputs(0)[0]["text"], "with token\n")

        page.reload()
        page.wait_kernel("idle")
        self.assertFalse(page.js("return document.getElementById('token-dialog').open"), "the token is kept for the tab")
