"""Runs the browser suite against TAPELAB_URL and prints `N passed, N failed`.

Usage: python run_suite.py [-k SUBSTRING]...   (normally via scripts/browser-tests.sh)
A failing test leaves a screenshot in Tests/Browser/artifacts/.
"""

import argparse
import pathlib
import sys
import time
import traceback
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import support  # noqa: E402


class Result(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.passed = 0
        self.started = 0.0

    def startTest(self, test):
        super().startTest(test)
        self.started = time.monotonic()

    def report(self, test, word, detail=None):
        seconds = time.monotonic() - self.started
        print(f"{word:4} {test.id()}  ({seconds:.1f} s)", flush=True)
        if detail:
            print("     " + detail.rstrip().replace("\n", "\n     "), flush=True)

    def keep_screenshot(self, test):
        try:
            path = support.screenshot(test.id().replace("/", "_"))
            return f"screenshot: {path.relative_to(support.ROOT)}"
        except Exception as error:  # the browser itself may be what failed
            return f"no screenshot: {error}"

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1
        self.report(test, "ok")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        shot = self.keep_screenshot(test)
        self.report(test, "FAIL", f"{err[1]}\n{shot}")

    def addError(self, test, err):
        super().addError(test, err)
        shot = self.keep_screenshot(test) if isinstance(test, unittest.TestCase) else ""
        self.report(test, "ERR", "".join(traceback.format_exception(*err)) + shot)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.report(test, "skip", reason)


def matches(test, needles):
    return not needles or any(needle in test.id() for needle in needles)


def flatten(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from flatten(item)
        else:
            yield item


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-k", action="append", default=[], help="run only tests whose id contains this")
    args = parser.parse_args()

    # Screenshots from an earlier run would pass for failures of this one.
    for old in support.ARTIFACTS.glob("*.png"):
        old.unlink()

    loaded = unittest.defaultTestLoader.discover(str(HERE), pattern="test_*.py", top_level_dir=str(HERE))
    tests = [t for t in flatten(loaded) if matches(t, args.k)]
    suite = unittest.TestSuite(tests)
    result = Result()
    began = time.monotonic()
    try:
        print(f"server: {support.base_url()}  engine: {support.engine().name}", flush=True)
        suite.run(result)
    finally:
        support.quit_driver()
    failed = len(result.failures) + len(result.errors)
    skipped = len(result.skipped)
    print(f"browser suite took {time.monotonic() - began:.1f} s")
    line = f"{result.passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed or result.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
