"""`sluice test` through the real binary (README "Testing a pipeline"): the
shipped pipeline's tests pass, a wrong expectation fails naming the case and
field with expected and actual, a bad test file is a configuration error with
line and column, and --junit writes XML a CI system can read. No server is
started: the source and sinks of the pipeline are never created."""

import os
import re
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from sluice_harness import run_sluice

SOURCE = Path(os.environ.get("SLUICE_SOURCE_DIR", Path(__file__).resolve().parents[2]))
PIPELINE = SOURCE / "pipelines" / "user_logins.yaml"
TESTS = SOURCE / "pipelines" / "user_logins.test.yaml"
# The key comes from the test file; none from the caller's environment.
NO_KEY = {"SLUICE_MASK_KEY": None}
KEY = "00112233445566778899aabbccddeeff"

ONE_LOGIN = """\
cases:
  - name: one login
    input: {sent_timestamp: "2026-03-01T00:00:00Z",
            body: '{"user_id": "u1", "app_version": "2.3.0", "device_type": "ios", "ip": "10.0.0.1", "device_id": "d1"}'}
    rows:
      - user_id: u1
        app_version: 2003000
"""


class SluiceTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def write(self, name, text):
        path = Path(self.tmp.name) / name
        path.write_text(text)
        return path

    def sluice_test(self, *args, env=None):
        return run_sluice(["test", PIPELINE, *args], env=env if env is not None else NO_KEY)

    def case_lines(self, stdout):
        return [line for line in stdout.splitlines() if line.startswith(("ok ", "FAIL "))]

    def test_the_shipped_tests_pass(self):
        result = self.sluice_test()  # PIPELINE.test.yaml beside the pipeline by default
        self.assertEqual(result.rc, 0, result.describe())
        cases = self.case_lines(result.stdout)
        self.assertGreaterEqual(len(cases), 8, result.stdout)
        self.assertTrue(all(line.startswith("ok ") for line in cases), result.stdout)
        self.assertIn(f"{len(cases)} passed, 0 failed", result.stdout)
        for topic in ("malformed sample message", "null locale", "app_version", "repeated"):
            self.assertTrue(any(topic in line for line in cases), f"no case about {topic!r}:\n{result.stdout}")

    def test_the_readme_example_passes(self):
        readme = (SOURCE / "README.md").read_text()
        section = readme[readme.index("## Testing a pipeline"):]
        example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
        result = self.sluice_test(self.write("readme.test.yaml", example))
        self.assertEqual(result.rc, 0, result.describe())
        self.assertIn("3 passed, 0 failed", result.stdout)

    def test_a_wrong_expectation_fails_naming_case_field_expected_and_actual(self):
        text = TESTS.read_text()
        self.assertIn("app_version: 2003000\n", text)
        wrong = self.write("wrong.test.yaml", text.replace("app_version: 2003000\n", "app_version: 2003001\n", 1))
        result = self.sluice_test(wrong)
        self.assertEqual(result.rc, 1, result.describe())
        self.assertIn("FAIL a login becomes a row", result.stdout)
        self.assertIn("rows[0].app_version: expected '2003001', got '2003000'", result.stdout)
        self.assertRegex(result.stdout, r"\n\d+ passed, 1 failed\n")

    def test_a_wrong_rejection_shows_the_actual_reason(self):
        path = self.write("reject.test.yaml", """\
cases:
  - name: not json
    input: 'not json'
    rows: []
    rejected: [{step: shape, reason: nothing like this}]
""")
        result = self.sluice_test(path, env={"SLUICE_MASK_KEY": KEY})
        self.assertEqual(result.rc, 1, result.describe())
        self.assertIn("FAIL not json", result.stdout)
        self.assertRegex(result.stdout, r"rejected\[0\]: expected step 'shape' .*got step 'parse': ")

    def test_an_unknown_key_is_a_config_error_with_line_and_column(self):
        path = self.write("typo.test.yaml", ONE_LOGIN.replace("    rows:", "    rowz:"))
        result = self.sluice_test(path, env={"SLUICE_MASK_KEY": KEY})
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn(f"{path}:5:5: cases[0].rowz: unknown key 'rowz'; did you mean 'rows'?", result.stderr)
        self.assertEqual(self.case_lines(result.stdout), [], "nothing runs before the file is right")

    def test_bad_yaml_is_a_config_error_with_line_and_column(self):
        path = self.write("bad.test.yaml", "cases:\n  - name: x\n    input: [unclosed\n")
        result = self.sluice_test(path)
        self.assertEqual(result.rc, 2, result.describe())
        self.assertRegex(result.stderr, re.escape(str(path)) + r":\d+:\d+: invalid YAML")

    def test_an_unknown_step_suggests_the_nearest(self):
        path = self.write("steps.test.yaml", ONE_LOGIN.replace("    rows:", "    steps: [pasre]\n    rows:"))
        result = self.sluice_test(path, env={"SLUICE_MASK_KEY": KEY})
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn(":5:12: case 'one login': the pipeline has no transform 'pasre'; did you mean 'parse'?",
                      result.stderr)

    def test_the_masker_key_comes_from_the_environment_when_the_file_has_none(self):
        path = self.write("env.test.yaml", ONE_LOGIN)
        result = self.sluice_test(path, env={"SLUICE_MASK_KEY": KEY})
        self.assertEqual(result.rc, 0, result.describe())
        missing = self.sluice_test(path, env=NO_KEY)
        self.assertEqual(missing.rc, 2, missing.describe())
        self.assertIn("SLUICE_MASK_KEY", missing.stderr)
        self.assertNotIn(KEY, missing.stdout + missing.stderr)

    def test_no_test_file_is_a_usage_error(self):
        lonely = self.write("lonely.yaml", PIPELINE.read_text())
        result = run_sluice(["test", lonely], env=NO_KEY)
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn("lonely.test.yaml", result.stderr)

    def test_junit_counts_cases_and_failures(self):
        text = TESTS.read_text()
        wrong = self.write("wrong.test.yaml", text.replace("app_version: 2003000\n", "app_version: 1\n", 1))
        junit = Path(self.tmp.name) / "report.xml"
        result = self.sluice_test(TESTS, wrong, "--junit", junit)
        self.assertEqual(result.rc, 1, result.describe())
        root = ElementTree.parse(junit).getroot()
        suites = root.findall("testsuite")
        self.assertEqual([s.get("name") for s in suites], [str(TESTS), str(wrong)])
        cases = len(self.case_lines(result.stdout)) // 2
        for suite, failures in zip(suites, (0, 1)):
            self.assertEqual(int(suite.get("tests")), cases)
            self.assertEqual(len(suite.findall("testcase")), cases)
            self.assertEqual(int(suite.get("failures")), failures)
            self.assertEqual(int(suite.get("errors")), 0)
        failed = [c for c in suites[1].findall("testcase") if c.find("failure") is not None]
        self.assertEqual([c.get("name") for c in failed], ["a login becomes a row"])
        self.assertIn("rows[0].app_version: expected '1', got '2003000'", failed[0].find("failure").text)


if __name__ == "__main__":
    unittest.main()
