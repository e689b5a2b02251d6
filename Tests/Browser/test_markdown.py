"""The Markdown renderer (web/js/markdown.js), run in the browser against known inputs."""

from support import BrowserTestCase

RENDER = """
const done = arguments[arguments.length - 1];
import('./js/markdown.js').then(m => {
  done(arguments[0].map(source => {
    const box = document.createElement('div');
    box.append(m.renderMarkdown(source));
    return box.innerHTML;
  }));
}).catch(e => done('error: ' + e));
"""

CASES = [
    ("# One\n## Two\n###### Six", "<h1>One</h1><h2>Two</h2><h6>Six</h6>"),
    ("para one\nsame para\n\npara two", "<p>para one\nsame para</p><p>para two</p>"),
    ("line with break  \nnext", "<p>line with break<br>next</p>"),
    ("*em* _em_ **strong** __strong__ ***both***", "<p><em>em</em> <em>em</em> <strong>strong</strong> <strong>strong</strong> <strong><em>both</em></strong></p>"),
    ("snake_case_name and 2*3*4", "<p>snake_case_name and 2<em>3</em>4</p>"),
    ("use `tf.GradientTape()` and ``a ` tick``", "<p>use <code>tf.GradientTape()</code> and <code>a ` tick</code></p>"),
    ("`*not em*` \\*escaped\\*", "<p><code>*not em*</code> *escaped*</p>"),
    ("- a\n- b\n  - nested\n- c", "<ul><li>a</li><li>b<ul><li>nested</li></ul></li><li>c</li></ul>"),
    ("1. one\n2. two", "<ol><li>one</li><li>two</li></ol>"),
    ("3. three\n4. four", '<ol start="3"><li>three</li><li>four</li></ol>'),
    ("```python\nx = 1 < 2\n```", '<pre class="md-code"><code data-language="python">x = 1 &lt; 2</code></pre>'),
    ("    indented code\n    more", '<pre class="md-code"><code>indented code\nmore</code></pre>'),
    ("> quoted *text*", "<blockquote><p>quoted <em>text</em></p></blockquote>"),
    ("---", "<hr>"),
    (
        "[TapeLab](https://example.org/a_b \"title\")",
        '<p><a href="https://example.org/a_b" rel="noopener noreferrer" target="_blank" title="title">TapeLab</a></p>',
    ),
    ("<https://example.org>", '<p><a href="https://example.org" rel="noopener noreferrer" target="_blank">https://example.org</a></p>'),
    ("[rel](#section)", '<p><a href="#section" rel="noopener noreferrer" target="_blank">rel</a></p>'),
    # Unsafe or active content stays text.
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ('<img src="x" onerror="alert(1)">', '<p>&lt;img src="x" onerror="alert(1)"&gt;</p>'),
    ("[click](javascript:alert(1))", "<p><span>click</span></p>"),
    ("[click](JaVaScRiPt:alert(1))", "<p><span>click</span></p>"),
    ("[data](data:text/html,hi)", "<p><span>data</span></p>"),
    ("![pic](https://example.org/p.png)", '<p><a href="https://example.org/p.png" rel="noopener noreferrer" target="_blank">[image: pic]</a></p>'),
    ("a & b < c > d \"e\"", "<p>a &amp; b &lt; c &gt; d \"e\"</p>"),
    ("# <b>head</b>", "<h1>&lt;b&gt;head&lt;/b&gt;</h1>"),
]


class MarkdownRendererTests(BrowserTestCase):
    def test_renders_notebook_markdown_and_escapes_everything(self):
        page = self.page.open_fresh(wait_for_kernel=False)
        rendered = page.driver.execute_async_script(RENDER, [source for source, _ in CASES])
        self.assertIsInstance(rendered, list, rendered)
        problems = [
            f"{source!r}\n  expected {want!r}\n  got      {got!r}" for (source, want), got in zip(CASES, rendered) if got != want
        ]
        self.assertEqual(problems, [], "\n" + "\n".join(problems))
