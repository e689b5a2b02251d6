"""Running cells: keys, order, outputs, errors, interrupt, restart, and editing the list of cells."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import BrowserTestCase


class RunningTests(BrowserTestCase):
    def test_shift_enter_runs_and_moves_on_ctrl_enter_stays(self):
        page = self.page.open_fresh()
        page.set_source(0, self.engine.print("first"))
        page.run_cell(0, (Keys.SHIFT, Keys.ENTER))
        self.assertEqual(page.wait_outputs(0), [{"type": "stream", "name": "stdout", "text": "first\n"}])
        self.assertEqual(page.cell_count(), 2, "Shift+Enter on the last cell adds a cell")
        self.assertEqual(page.js("return document.activeElement.classList.contains('editor')"), True)
        self.assertEqual(page.js("return document.activeElement === document.querySelectorAll('.cell')[1].querySelector('textarea')"), True)
        self.assertEqual(page.prompt(0), "In [1]:")

        page.set_source(1, self.engine.print("second"))
        page.run_cell(1, (Keys.CONTROL, Keys.ENTER))
        self.assertEqual(page.wait_outputs(1)[0]["text"], "second\n")
        self.assertEqual(page.cell_count(), 2, "Ctrl+Enter adds no cell")
        self.assertEqual(page.js("return document.activeElement === document.querySelectorAll('.cell')[1].querySelector('textarea')"), True)
        self.assertEqual(page.prompt(1), "In [2]:")

    def test_cell_run_before_the_session_is_ready_waits_for_it(self):
        # A slow network keeps the page's POST /api/sessions in flight while the cell is run.
        page = self.page
        page.driver.execute_cdp_cmd("Network.enable", {})
        slow = {"offline": False, "latency": 250, "downloadThroughput": -1, "uploadThroughput": -1}
        page.driver.execute_cdp_cmd("Network.emulateNetworkConditions", slow)
        try:
            page.open_fresh(wait_for_kernel=False)
            self.assertTrue(page.js("return window.tapelab.kernel.connecting"), "the session was ready too soon to test this")
            page.set_source(0, self.engine.print("early"))
            page.add_code(self.engine.print("early too"))
            page.js(
                "for (const e of document.querySelectorAll('.cell textarea'))"
                " e.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', ctrlKey: true, bubbles: true}))"
            )
            self.assertTrue(page.js("return window.tapelab.kernel.connecting"), "the session was ready too soon to test this")
            self.assertEqual(page.wait_outputs(0), [{"type": "stream", "name": "stdout", "text": "early\n"}])
            self.assertEqual(page.wait_outputs(1), [{"type": "stream", "name": "stdout", "text": "early too\n"}])
            self.assertIsNone(page.banner())
        finally:
            fast = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
            page.driver.execute_cdp_cmd("Network.emulateNetworkConditions", fast)
            page.driver.execute_cdp_cmd("Network.disable", {})

    def test_cells_queued_quickly_run_one_at_a_time_in_order(self):
        page = self.page.open_fresh()
        # Count the execute requests in flight, to see they never overlap.
        page.js(
            """
            window.inFlight = 0; window.maxInFlight = 0;
            const original = window.fetch;
            window.fetch = async (...args) => {
              const execute = String(args[0]).endsWith('/execute');
              if (execute) { window.inFlight++; window.maxInFlight = Math.max(window.maxInFlight, window.inFlight); }
              try { return await original(...args); } finally { if (execute) window.inFlight--; }
            };
            """
        )
        page.set_source(0, self.engine.print("cell 1"))
        for n in range(2, 7):
            page.add_code(self.engine.print(f"cell {n}"))
        for index in range(6):
            page.run_cell(index, (Keys.CONTROL, Keys.ENTER))
        page.wait_idle()
        for index in range(6):
            self.assertEqual(page.outputs(index), [{"type": "stream", "name": "stdout", "text": f"cell {index + 1}\n"}])
            self.assertEqual(page.prompt(index), f"In [{index + 1}]:")
        self.assertEqual(page.js("return window.maxInFlight"), 1)

    def test_busy_state_is_shown_for_the_cell_and_the_kernel(self):
        page = self.page.open_fresh()
        page.set_source(0, self.engine.endless)
        page.add_code(self.engine.print("after"))
        page.run_cell(0)
        page.run_cell(1)
        page.wait(lambda: page.js("return document.querySelectorAll('.cell')[0].dataset.state") == "running", "cell 1 never ran")
        self.assertEqual(page.kernel_state(), "busy")
        self.assertEqual(page.js("return document.getElementById('kernel-status-text').textContent"), "Kernel: busy")
        self.assertEqual(page.prompt(0), "In [*]:")
        self.assertEqual(page.js("return document.querySelectorAll('.cell')[0].getAttribute('aria-busy')"), "true")
        self.assertEqual(page.js("return document.querySelectorAll('.cell')[1].dataset.state"), "queued")
        self.assertEqual(page.js("return document.querySelectorAll('.cell')[1].querySelector('.cell-status').textContent"), "Queued")
        page.click("interrupt")
        page.wait_idle()
        self.assertEqual(page.js("return document.getElementById('kernel-status-text').textContent"), "Kernel: idle")

    def test_stream_text_is_shown_verbatim_and_never_as_html(self):
        page = self.page.open_fresh()
        text = "a   b\tc  <b>not bold</b> &amp; <img src=x onerror=\"window.pwned=1\">"
        page.set_source(0, self.engine.print(text))
        page.run_cell(0)
        outputs = page.wait_outputs(0)
        self.assertEqual(outputs, [{"type": "stream", "name": "stdout", "text": text + "\n"}])
        self.assertEqual(page.js("return document.querySelectorAll('.outputs b, .outputs img').length"), 0)
        self.assertIsNone(page.js("return window.pwned"))
        style = page.js("const o = getComputedStyle(document.querySelector('.output')); return [o.whiteSpace, o.fontFamily]")
        self.assertEqual(style[0], "pre-wrap")
        self.assertIn("monospace", style[1])

    def test_result_is_shown_with_an_out_prompt(self):
        page = self.page.open_fresh()
        page.set_source(0, self.engine.set("answer", "42"))
        page.add_code(self.engine.get("answer"))
        page.click("run-all")
        page.wait_idle()
        self.assertEqual(page.outputs(0), [])
        self.assertEqual(page.outputs(1), [{"type": "execute_result", "text": "42"}])
        out_prompt = page.js("return document.querySelectorAll('.cell')[1].querySelector('.out-prompt').textContent")
        self.assertEqual(out_prompt, "Out[2]:")

    def test_error_shows_traceback_in_error_style(self):
        page = self.page.open_fresh()
        code, ename, evalue = self.engine.error
        page.set_source(0, code)
        page.add_code(self.engine.print("not reached"))
        page.click("run-all")
        page.wait_idle()
        outputs = page.outputs(0)
        self.assertEqual(len(outputs), 1)
        error = outputs[0]
        self.assertEqual((error["type"], error["ename"], error["evalue"]), ("error", ename, evalue))
        # The whole traceback is shown (its header wording is the kernel's), ending with ename: evalue.
        self.assertIn("Traceback (most recent call last)", error["text"])
        self.assertGreaterEqual(error["text"].count("\n"), 2, error["text"])
        self.assertTrue(error["text"].endswith(f"{ename}: {evalue}"), error["text"])
        self.assertNotIn("\x1b", error["text"])
        colour, background = page.js(
            "const s = getComputedStyle(document.querySelector('.output-error')); return [s.color, s.backgroundColor]"
        )
        self.assertEqual(colour, "rgb(164, 22, 26)")
        self.assertEqual(background, "rgb(253, 236, 236)")
        self.assertEqual(
            page.js("return document.querySelector('.output-error').getAttribute('aria-label')"), f"Error: {ename}: {evalue}"
        )
        self.assertEqual(page.outputs(1), [], "an error drops the cells queued after it")
        self.assertEqual(page.prompt(1), "In [ ]:")

    def test_ansi_codes_are_stripped_from_tracebacks(self):
        page = self.page.open_fresh()
        page.js(
            "const v = window.tapelab.views[0];"
            "v.cell.outputs = [{output_type: 'error', ename: 'ValueError', evalue: 'bad',"
            " traceback: ['\\u001b[0;31mTraceback\\u001b[0m', '\\u001b[1;32mValueError\\u001b[0m: bad']}];"
            "v.renderOutputs();"
        )
        self.assertEqual(page.outputs(0)[0]["text"], "Traceback\nValueError: bad")

    def test_interrupt_stops_an_endless_cell_with_keyboard_interrupt(self):
        page = self.page.open_fresh()
        page.set_source(0, self.engine.endless)
        page.run_cell(0)
        page.wait(lambda: page.js("return document.querySelector('.cell').dataset.state") == "running", "the cell never ran")
        interrupt = page.driver.find_element(By.ID, "interrupt")
        interrupt.click()
        outputs = page.wait_outputs(0)
        self.assertEqual([(o["type"], o["ename"]) for o in outputs], [("error", "KeyboardInterrupt")])
        self.assertIn("KeyboardInterrupt", outputs[0]["text"])
        page.wait_kernel("idle")
        page.set_source(0, self.engine.print("still alive"))
        page.run_cell(0)
        page.wait(lambda: [o["text"] for o in page.outputs(0)] == ["still alive\n"], "the session did not survive")

    def test_restart_clears_variables_and_counts(self):
        page = self.page.open_fresh()
        page.set_source(0, self.engine.set("kept", "7"))
        page.add_code(self.engine.get("kept"))
        page.click("run-all")
        page.wait_idle()
        self.assertEqual(page.outputs(1), [{"type": "execute_result", "text": "7"}])
        page.click("restart")
        page.wait(lambda: (page.banner() or {}).get("text", "").startswith("Kernel restarted"), "no word of the restart")
        page.run_cell(1)
        page.wait(lambda: [o["type"] for o in page.outputs(1)] == ["error"], "the cell did not run again")
        self.assertEqual(page.outputs(1)[0]["ename"], "NameError")
        self.assertEqual(page.prompt(1), "In [1]:", "the count starts again after a restart")

    def test_long_output_scrolls_inside_the_cell(self):
        page = self.page.open_fresh()
        page.set_source(0, self.engine.many_lines(3000))
        page.run_cell(0)
        outputs = page.wait_outputs(0)
        self.assertEqual(outputs[0]["text"].count("\n"), 3000)
        box = page.js(
            "const o = document.querySelector('.output'); const s = getComputedStyle(o);"
            "return {overflow: s.overflowY, client: o.clientHeight, scroll: o.scrollHeight, page: document.documentElement.scrollHeight}"
        )
        self.assertEqual(box["overflow"], "auto")
        self.assertLess(box["client"], 500)
        self.assertGreater(box["scroll"], box["client"] * 10)
        self.assertLess(box["page"], 2000)

    def test_clear_outputs_clears_outputs_and_counts(self):
        page = self.page.open_fresh()
        page.set_source(0, self.engine.print("x"))
        page.run_cell(0)
        page.wait_outputs(0)
        page.click("clear-outputs")
        self.assertEqual(page.outputs(0), [])
        self.assertEqual(page.prompt(0), "In [ ]:")
        page.wait(lambda: page.saved()["notebook"]["cells"][0]["outputs"] == [], "clearing was not saved")


class EditingTests(BrowserTestCase):
    def test_add_move_and_delete_cells(self):
        page = self.page.open_fresh()
        page.set_source(0, "one")
        page.add_code("two")
        page.click("add-markdown")
        page.set_source(2, "# three")
        self.assertEqual(page.sources(), [["code", "one"], ["code", "two"], ["markdown", "# three"]])
        page.cells()[2].find_element(By.CSS_SELECTOR, "button[aria-label='Move cell 3 up']").click()
        self.assertEqual(page.sources(), [["code", "one"], ["markdown", "# three"], ["code", "two"]])
        self.assertEqual(page.js("return document.activeElement.getAttribute('aria-label')"), "Move cell 2 up")
        page.cells()[0].find_element(By.CSS_SELECTOR, "button[aria-label='Move cell 1 down']").click()
        self.assertEqual(page.sources(), [["markdown", "# three"], ["code", "one"], ["code", "two"]])
        page.cells()[1].find_element(By.CSS_SELECTOR, "button[aria-label='Delete cell 2']").click()
        self.assertEqual(page.sources(), [["markdown", "# three"], ["code", "two"]])
        page.cells()[0].find_element(By.CSS_SELECTOR, "button[aria-label='Insert a code cell below cell 1']").click()
        self.assertEqual(page.sources(), [["markdown", "# three"], ["code", ""], ["code", "two"]])
        self.assertEqual(page.js("return document.activeElement === document.querySelectorAll('.cell')[1].querySelector('textarea')"), True)
        page.wait_for_save()

    def test_keyboard_moves_cells_and_markdown_renders_on_shift_enter(self):
        page = self.page.open_fresh()
        page.click("add-markdown")
        editor = page.editor(1)
        editor.send_keys("## Title *here*")
        editor.send_keys(Keys.ALT, Keys.ARROW_UP)
        self.assertEqual([t for t, _ in page.sources()], ["markdown", "code"])
        page.editor(0).send_keys(Keys.SHIFT, Keys.ENTER)
        rendered = page.js("const r = document.querySelector('.markdown-rendered'); return r.hidden ? null : r.innerHTML")
        self.assertEqual(rendered, "<h2>Title <em>here</em></h2>")
        self.assertEqual(page.js("return document.activeElement === document.querySelectorAll('.cell')[1].querySelector('textarea')"), True)
        # Enter on the focused rendered cell edits it again.
        page.js("document.querySelector('.cell').focus()")
        page.driver.switch_to.active_element.send_keys(Keys.ENTER)
        self.assertEqual(page.js("return document.activeElement === document.querySelector('.cell textarea')"), True)

    def test_typing_code_keeps_indentation_and_tab_indents(self):
        page = self.page.open_fresh()
        editor = page.editor(0)
        editor.send_keys("if True:", Keys.ENTER, "x = 1", Keys.ENTER, Keys.TAB, "y")
        self.assertEqual(page.sources()[0][1], "if True:\n    x = 1\n        y")
        editor.send_keys(Keys.SHIFT, Keys.TAB)
        self.assertEqual(page.sources()[0][1], "if True:\n    x = 1\n    y")
        editor.send_keys(Keys.ESCAPE)
        self.assertEqual(page.js("return document.activeElement.classList.contains('cell')"), True)

    def test_markdown_cell_escapes_html(self):
        page = self.page.open_fresh()
        page.click("add-markdown")
        page.set_source(1, "<script>window.pwned = 1</script>\n\n<b>bold?</b> [x](javascript:window.pwned=2)")
        page.editor(1).send_keys(Keys.CONTROL, Keys.ENTER)
        rendered = page.js("return document.querySelectorAll('.markdown-rendered')[1].innerHTML")
        self.assertEqual(
            rendered,
            "<p>&lt;script&gt;window.pwned = 1&lt;/script&gt;</p>\n<p>&lt;b&gt;bold?&lt;/b&gt; <span>x</span></p>".replace("\n", ""),
        )
        self.assertIsNone(page.js("return window.pwned"))
