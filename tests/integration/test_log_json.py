"""`--log-format json` writes valid JSON whatever a plugin logs: invalid
UTF-8 from a plugin is repaired (U+FFFD), control characters are escaped,
so every stderr line parses with strict UTF-8 decoding."""

import json
import os
import subprocess
import tempfile
import unittest

from sluice_harness import sluice_binary, write_pipeline

TEST_PLUGINS = os.environ["SLUICE_TEST_PLUGIN_DIR"]


class JsonLogLines(unittest.TestCase):
    def test_a_plugin_logging_invalid_utf8_and_controls_still_gives_valid_json(self):
        with tempfile.TemporaryDirectory() as tmp:
            source = os.path.join(tmp, "in.ndjson")
            with open(source, "w") as f:
                f.write('{"user": "u1"}\n')
            path = write_pipeline(tmp, f"""\
                version: 1
                name: hostile_log
                source: {{plugin: file, path: {source}}}
                sink: {{plugin: testkit_sink, log_hostile: true}}
                """)
            done = subprocess.run(
                [str(sluice_binary()), "--plugin-path", TEST_PLUGINS, "--log-format", "json",
                 "--log-level", "debug", "run", str(path), "--drain", "--no-progress"],
                capture_output=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr)
        text = done.stderr.decode("utf-8", errors="strict")  # raises on any invalid byte
        lines = text.splitlines()
        self.assertTrue(lines, "sluice wrote no log line")
        records = [json.loads(line) for line in lines]
        hostile = [r for r in records if r["msg"].startswith("hostile")]
        self.assertEqual(len(hostile), 1, text)
        record = hostile[0]
        self.assertEqual(record["component"], "testkit_sink")
        self.assertEqual(record["level"], "warn")
        message = record["msg"]
        self.assertIn("\ufffd", message)                 # the invalid bytes, repaired
        self.assertIn("\x1b[31m", message)               # controls survive, escaped in the line
        self.assertIn('"quoted" back\\slash\nnext\tline', message)
        for line in lines:
            self.assertNotIn("\x1b", line)               # never raw on the terminal
            self.assertTrue(all(ord(c) >= 0x20 for c in line), repr(line))


if __name__ == "__main__":
    unittest.main()
