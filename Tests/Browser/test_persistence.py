"""What survives: autosave across reloads, .ipynb export and import, and a session that vanished."""

import json

from selenium.webdriver.common.by import By

from support import BrowserTestCase, api, downloads_dir

try:
    import nbformat
except ImportError:  # the structural checks below still run
    nbformat = None


class AutosaveTests(BrowserTestCase):
    def test_reload_brings_the_notebook_back(self):
        page = self.page.open_fresh()
        page.set_source(0, self.engine.print("saved output"))
        page.run_cell(0)
        page.wait_outputs(0)
        page.click("add-markdown")
        page.editor(1).send_keys("Some *notes*")
        name = page.driver.find_element(By.ID, "notebook-name")
        name.clear()
        name.send_keys("my lab")
        page.wait_for_save()
        before = page.sources()
        session = page.session_id()

        page.reload()
        page.wait_kernel("idle")
        self.assertEqual(page.sources(), before)
        self.assertEqual(page.outputs(0), [{"type": "stream", "name": "stdout", "text": "saved output\n"}])
        self.assertEqual(page.prompt(0), "In [1]:")
        self.assertEqual(page.js("return document.getElementById('notebook-name').value"), "my lab")
        self.assertEqual(page.session_id(), session, "a reload keeps the tab's session")

    def test_typing_is_saved_without_running_or_leaving(self):
        page = self.page.open_fresh()
        page.editor(0).send_keys("typed but never run")
        page.wait(
            lambda: (page.saved() or {}).get("notebook", {}).get("cells", [{}])[0].get("source") == ["typed but never run"],
            "typing was not autosaved",
        )
        # A crashed tab gets no pagehide; what localStorage holds is what comes back.
        page.driver.get("about:blank")
        page.driver.get(page.url)
        page.wait(lambda: page.js("return !!window.tapelab"), "the page did not load")
        self.assertEqual(page.sources(), [["code", "typed but never run"]])


class ImportExportTests(BrowserTestCase):
    def export(self):
        return self.download(lambda: self.page.click("export-notebook"), ".ipynb")

    def test_export_then_import_round_trips(self):
        page = self.page.open_fresh()
        page.set_source(0, self.engine.print("exported"))
        page.run_cell(0)
        page.wait_outputs(0)
        page.click("add-markdown")
        page.set_source(1, "# Heading\n\ntext")
        page.add_code(self.engine.error[0])
        page.run_cell(2)
        page.wait_outputs(2)
        name = page.driver.find_element(By.ID, "notebook-name")
        name.clear()
        name.send_keys("round trip")
        page.wait_for_save()
        shown = page.sources()
        outputs = [page.outputs(i) for i in range(3)]

        path = self.export()
        self.assertEqual(path.name, "round trip.ipynb")
        document = json.loads(path.read_text())
        self.assertEqual((document["nbformat"], document["nbformat_minor"]), (4, 5))
        self.assertEqual(document["metadata"]["kernelspec"]["name"], "python3")
        self.assertEqual([c["cell_type"] for c in document["cells"]], ["code", "markdown", "code"])
        first = document["cells"][0]
        self.assertEqual(first["execution_count"], 1)
        self.assertEqual(first["outputs"], [{"output_type": "stream", "name": "stdout", "text": ["exported\n"]}])
        self.assertEqual(document["cells"][1]["source"], ["# Heading\n", "\n", "text"])
        self.assertEqual(document["cells"][2]["outputs"][0]["output_type"], "error")
        for cell in document["cells"]:
            self.assertRegex(cell["id"], r"^[a-zA-Z0-9-_]{1,64}$")
        if nbformat is not None:
            nbformat.validate(nbformat.reads(path.read_text(), as_version=4))

        page.click("new-notebook")
        self.assertEqual(page.sources(), [["code", ""]])
        page.driver.find_element(By.ID, "import-file").send_keys(str(path))
        page.wait(lambda: page.cell_count() == 3, "the import did not load")
        self.assertEqual(page.sources(), shown)
        self.assertEqual([page.outputs(i) for i in range(3)], outputs)
        self.assertEqual(page.prompt(0), "In [1]:")
        self.assertEqual(page.js("return document.getElementById('notebook-name').value"), "round trip")
        self.assertEqual(page.banner()["text"], "Imported round trip.ipynb.")

    def test_example_exports_as_valid_nbformat(self):
        page = self.page.open_fresh()
        page.open_example()
        path = self.export()
        self.assertEqual(path.name, "gradient_tape_basics.ipynb")
        document = json.loads(path.read_text())
        self.assertEqual(len(document["cells"]), 29)
        if nbformat is not None:
            nbformat.validate(nbformat.reads(path.read_text(), as_version=4))

    def test_importing_something_else_is_refused_plainly(self):
        page = self.page.open_fresh()
        page.set_source(0, "kept")
        bad = downloads_dir() / "not-a-notebook.ipynb"
        bad.write_text('{"nbformat": 3, "worksheets": []}')
        page.driver.find_element(By.ID, "import-file").send_keys(str(bad))
        page.wait(lambda: page.banner() is not None, "no message about the bad file")
        self.assertEqual(
            page.banner()["text"],
            "Could not import not-a-notebook.ipynb: Only nbformat 4 notebooks can be opened; this file has nbformat 3.",
        )
        self.assertEqual(page.sources(), [["code", "kept"]])

    def test_undo_brings_back_the_replaced_notebook(self):
        page = self.page.open_fresh()
        page.set_source(0, "my work")
        page.open_example()
        self.assertEqual(page.banner()["action"], "Undo")
        page.click("banner-action")
        self.assertEqual(page.sources(), [["code", "my work"]])
        page.wait_for_save()


class SessionLossTests(BrowserTestCase):
    def test_vanished_session_is_reported_with_one_click_new_session(self):
        page = self.page.open_fresh()
        page.set_source(0, self.engine.print("before"))
        page.run_cell(0)
        page.wait_outputs(0)
        old = page.session_id()
        status, _ = api("DELETE", f"api/sessions/{old}")
        self.assertEqual(status, 204)

        page.set_source(0, self.engine.print("after"))
        page.run_cell(0)
        page.wait(lambda: page.banner() is not None, "the lost session was not reported")
        banner = page.banner()
        self.assertIn("The kernel session is gone", banner["text"])
        self.assertEqual(banner["action"], "New session")
        self.assertEqual(page.kernel_state(), "gone")
        self.assertEqual(page.outputs(0)[0]["text"], "before\n", "the notebook keeps what it showed")

        page.click("banner-action")
        page.wait_kernel("idle")
        self.assertNotEqual(page.session_id(), old)
        page.run_cell(0)
        page.wait(lambda: [o["text"] for o in page.outputs(0)] == ["after\n"], "the new session did not run the cell")
        self.assertEqual(page.prompt(0), "In [1]:")

    def test_reload_after_the_session_vanished_starts_a_new_one(self):
        page = self.page.open_fresh()
        old = page.session_id()
        api("DELETE", f"api/sessions/{old}")
        page.reload()
        page.wait_kernel("idle")
        self.assertNotEqual(page.session_id(), old)
        self.assertEqual(api("GET", f"api/sessions/{page.session_id()}")[0], 200)
