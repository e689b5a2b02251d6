"""Readable at 1280×800 and at phone width; usable from the keyboard with a visible focus."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from support import DESKTOP, PHONE, BrowserTestCase, screenshot, set_viewport

OVERFLOW = """
const width = document.documentElement.clientWidth;
const offenders = [...document.querySelectorAll('body *')].filter(e => {
  if (e.closest('[hidden], dialog:not([open]), .visually-hidden, .editor, .output, pre')) return false;
  const r = e.getBoundingClientRect();
  return r.width > 0 && (r.right > width + 1 || r.left < -1);
}).map(e => e.tagName + '.' + e.className + '#' + e.id);
return {scroll: document.documentElement.scrollWidth, width, offenders: offenders.slice(0, 5)};
"""


class LayoutTests(BrowserTestCase):
    def check_fits(self, label):
        box = self.page.js(OVERFLOW)
        self.assertLessEqual(box["scroll"], box["width"], f"{label}: the page scrolls sideways")
        self.assertEqual(box["offenders"], [], f"{label}: elements stick out of the viewport")

    def test_example_fits_desktop_and_phone_width(self):
        page = self.page.open_fresh()
        page.open_example()
        self.check_fits("1280×800")
        self.assertGreaterEqual(page.js("return parseFloat(getComputedStyle(document.body).fontSize)"), 14)

        set_viewport(*PHONE)
        try:
            page.js("window.scrollTo(0, 0)")
            self.assertEqual(page.js("return window.innerWidth"), PHONE[0])
            self.check_fits("phone width")
            layout = page.js(
                "const c = document.querySelectorAll('.cell')[2];"
                "const p = c.querySelector('.prompt').getBoundingClientRect();"
                "const e = c.querySelector('.editor').getBoundingClientRect();"
                "return {promptAbove: p.bottom <= e.top + 1, editorWidth: e.width}"
            )
            self.assertTrue(layout["promptAbove"], "at phone width the prompt sits above the code")
            self.assertGreater(layout["editorWidth"], PHONE[0] * 0.8)
            screenshot("example-phone-390")
        finally:
            set_viewport(*DESKTOP)

    def test_every_control_has_an_accessible_name(self):
        page = self.page.open_fresh()
        page.open_example()
        unnamed = page.js(
            """
            return [...document.querySelectorAll('button, select, textarea, input')].filter(e => {
              if (e.closest('[hidden]')) return false;
              const label = e.getAttribute('aria-label') || (e.labels && [...e.labels].map(l => l.textContent).join('')) || e.textContent;
              return !label || !label.trim();
            }).map(e => e.outerHTML.slice(0, 80));
            """
        )
        self.assertEqual(unnamed, [])
        labels = page.js("return [...document.querySelectorAll('.cell')].slice(0, 3).map(c => c.getAttribute('aria-label'))")
        self.assertEqual(labels, ["Markdown cell 1", "Markdown cell 2", "Code cell 3"])

    def test_tab_order_follows_the_toolbar_and_focus_is_visible(self):
        page = self.page.open_fresh()
        order = []
        actions = ActionChains(page.driver)
        for _ in range(14):
            actions.send_keys(Keys.TAB).perform()
            active = page.js(
                "const a = document.activeElement;"
                "const shown = a.id === 'import-file' ? document.getElementById('import-label') : a;"
                "const s = getComputedStyle(shown);"
                "return {id: a.id && !a.classList.contains('editor') ? a.id : a.className, outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}"
            )
            order.append(active)
        ids = [a["id"] for a in order]
        expected = [
            "skip-link",
            "notebook-name",
            "new-notebook",
            "open-example",
            "import-file",
            "export-notebook",
            "run-all",
            "interrupt",
            "restart",
            "clear-outputs",
            "add-code",
            "add-markdown",
        ]
        self.assertEqual(ids[: len(expected)], expected)
        self.assertEqual(ids[len(expected)], "cell", "after the toolbar comes the first cell")
        self.assertEqual(ids[len(expected) + 1], "editor editor-code")
        for active in order:
            # The file input is hidden; its label shows its focus.
            self.assertNotEqual(active["outline"], "none", f"{active['id']} shows no focus")
            self.assertGreaterEqual(active["width"], 2)
