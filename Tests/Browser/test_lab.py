"""The example notebook: it is the lab, and Run all shows the lab's outputs byte for byte."""

import json

from support import (
    DESKTOP,
    EXAMPLE_NOTEBOOK,
    BrowserTestCase,
    expected_lab_outputs,
    lab_code_sources,
    screenshot,
    set_viewport,
)

LAB_TIMEOUT = 60


class ExampleNotebookTests(BrowserTestCase):
    def test_example_file_holds_the_lab_code_cells_without_outputs(self):
        notebook = json.loads(EXAMPLE_NOTEBOOK.read_text())
        self.assertEqual(notebook["nbformat"], 4)
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        self.assertEqual(["".join(c["source"]) for c in code], lab_code_sources())
        for cell in code:
            self.assertIsNone(cell["execution_count"])
            self.assertEqual(cell["outputs"], [])
        markdown = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"]
        self.assertTrue(markdown[0].startswith("## Gradient Tape Basics\n"))
        self.assertIn("### Where not to indent the first gradient calculation", "\n".join(markdown))

    def test_open_example_shows_markdown_rendered_and_the_lab_code(self):
        page = self.page.open_fresh()
        page.open_example()
        shown = page.sources()
        self.assertEqual([s for t, s in shown if t == "code"], lab_code_sources())
        headings = page.js("return [...document.querySelectorAll('.markdown-rendered h2, .markdown-rendered h3')].map(h => h.textContent)")
        self.assertEqual(headings[0], "Gradient Tape Basics")
        self.assertIn("Nested Gradient tapes", headings)
        self.assertIn("Where not to indent the first gradient calculation", headings)
        codes = page.js("return [...document.querySelectorAll('.markdown-rendered code')].map(c => c.textContent)")
        self.assertIn("tf.GradientTape()", codes)
        self.assertIn("persistent=True", codes)
        prompts = [page.prompt(i) for i, (t, _) in enumerate(shown) if t == "code"]
        self.assertEqual(prompts, ["In [ ]:"] * 14)

    def test_run_all_shows_every_lab_output_byte_for_byte(self):
        page = self.page.open_fresh()
        page.open_example()
        page.click("run-all")
        page.wait_idle(timeout=LAB_TIMEOUT)
        set_viewport(*DESKTOP)
        page.js("window.scrollTo(0, 0)")
        screenshot("lab-after-run-all-1280x800")
        # And where the first outputs are: lab cell 2's printed gradient and the cells after it.
        page.js("document.querySelectorAll('.cell[data-cell-type=code]')[1].querySelector('.outputs').scrollIntoView({block: 'start'})")
        screenshot("lab-after-run-all-1280x800-outputs")
        page.js("window.scrollTo(0, 0)")
        if not self.engine.python:
            self.fail(
                "The server's sessions run the command test engine, not the Python kernel "
                "(POST /api/execute with '1/0' did not answer ZeroDivisionError), so the lab's "
                "outputs cannot appear. Run this suite against a server with the Python kernel."
            )
        expected = expected_lab_outputs()
        code_indexes = [i for i, (t, _) in enumerate(page.sources()) if t == "code"]
        self.assertEqual(len(code_indexes), len(expected))
        problems = []
        for number, (index, want) in enumerate(zip(code_indexes, expected), start=1):
            got = page.outputs(index)
            for output in got:
                if output["type"] == "error":
                    output.pop("text", None)
            if got != want:
                problems.append(f"lab cell {number}:\n  expected {want!r}\n  shown    {got!r}")
            if page.prompt(index) != f"In [{number}]:":
                problems.append(f"lab cell {number}: prompt {page.prompt(index)!r}, expected 'In [{number}]:'")
        self.assertEqual(problems, [], "\n" + "\n".join(problems))
