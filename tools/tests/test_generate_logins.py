"""tools/generate_logins.py makes messages shaped like the published sample
(tools/tests/data/login_sample.json.gz), with the defects the pipeline must
survive, and the same ones for the same seed."""

import gzip
import json
import re
import sys
import unittest
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from generate_logins import LOGIN_FIELDS, generate_logins, main  # noqa: E402

SAMPLE = HERE / "data" / "login_sample.json.gz"


def shape(text):
    """"2.3.0" -> "9.9.9": the layout of a value, digits blurred."""
    return re.sub(r"\d", "9", text)


def is_login(record):
    return isinstance(record, dict) and set(record) == set(LOGIN_FIELDS)


class LoginGenerator(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with gzip.open(SAMPLE, "rt") as sample:
            cls.sample = [r for r in json.load(sample) if is_login(r)]
        cls.messages = generate_logins(2000, seed=3)
        cls.logins = [m.login for m in cls.messages if m.valid]

    def test_valid_messages_have_the_sample_fields_and_value_shapes(self):
        for field in ("app_version", "device_type", "ip", "device_id"):
            sample_shapes = {shape(r[field]) for r in self.sample}
            generated_shapes = {shape(login[field]) for login in self.logins}
            # An IPv4 address varies in digit count; compare its four parts instead.
            if field == "ip":
                sample_shapes = {s.count(".") for s in sample_shapes}
                generated_shapes = {s.count(".") for s in generated_shapes}
            self.assertLessEqual(generated_shapes, sample_shapes, field)
        for message in self.messages:
            if message.valid:
                self.assertEqual(json.loads(message.body), message.login)
                self.assertEqual(tuple(message.login), LOGIN_FIELDS)

    def test_about_one_message_in_a_hundred_is_malformed(self):
        malformed = [m.body for m in self.messages if not m.valid]
        self.assertEqual(len(malformed), 20)
        for body in malformed:
            try:
                record = json.loads(body)
            except ValueError:
                continue
            self.assertFalse(is_login(record), body)
        self.assertEqual(sum(not m.valid for m in generate_logins(100, seed=9)), 1)

    def test_some_locales_are_null_and_some_devices_repeat(self):
        null_share = sum(login["locale"] is None for login in self.logins) / len(self.logins)
        self.assertAlmostEqual(null_share, 0.3, delta=0.05)
        repeated = [d for d, n in Counter(login["device_id"] for login in self.logins).items() if n > 1]
        self.assertGreater(len(repeated), 50)

    def test_the_same_seed_gives_the_same_messages(self):
        self.assertEqual(generate_logins(300, seed=11), generate_logins(300, seed=11))
        self.assertNotEqual(generate_logins(300, seed=11), generate_logins(300, seed=12))

    def test_no_body_contains_a_newline(self):
        self.assertFalse([m.body for m in self.messages if "\n" in m.body])

    def test_command_line_rejects_a_negative_count(self):
        with self.assertRaises(SystemExit) as exit_:
            main(["--count", "-1"])
        self.assertEqual(exit_.exception.code, 2)


if __name__ == "__main__":
    unittest.main()
