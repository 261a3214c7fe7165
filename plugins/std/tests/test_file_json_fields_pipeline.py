"""file -> json -> fields -> file through the real `sluice run --drain`.

Good NDJSON lines come out parsed and reshaped; malformed lines (not JSON,
missing required fields, wrong types, unconvertible versions) land in the
dead-letter file with the step and reason, and none is lost.
"""

import datetime
import json
import shutil
import tempfile
import unittest
from pathlib import Path

from sluice_harness import file_message_id, run_sluice, write_pipeline

GOOD = [
    {"user_id": "u1", "app_version": "2.3.0", "device_type": "ios",
     "locale": "FR", "attempts": 1},
    {"user_id": "u2", "app_version": "0.96", "device_type": "android",
     "locale": None, "attempts": 2},
    {"user_id": "u3", "app_version": "7.31", "device_type": "ios"},
    {"user_id": "u4 \"quoted\" \u00e9\t", "app_version": "2.00",
     "device_type": "web", "locale": "PT", "extra": {"ignored": True}},
]

# (line text, step that rejects it, reason)
BAD = [
    ("this is not json", "parse", "column 'body' is not valid JSON"),
    (json.dumps({"unrelated": "keys"}), "parse",
     "required field 'user_id' is missing"),
    (json.dumps({"user_id": 42, "device_type": "ios"}), "parse",
     "field 'user_id' is not of type string"),
    (json.dumps({"user_id": "u9", "device_type": "ios", "attempts": "three"}),
     "parse", "field 'attempts' is not of type int64"),
    (json.dumps({"user_id": "u9", "device_type": None}), "parse",
     "required field 'device_type' is null"),
    (json.dumps({"user_id": "u9", "device_type": "ios", "app_version": "v2"}),
     "shape", "column 'app_version' cannot convert to version_int"),
]

VERSION_INT = {"2.3.0": 2003000, "0.96": 96000, "7.31": 7031000, "2.00": 2000000}

PIPELINE = """
    version: 1
    name: std_file_pipeline
    source:
      plugin: file
      path: {input}
      batch_size: 3
    transforms:
      - name: parse
        plugin: json
        fields: {{user_id: string, app_version: string, device_type: string,
                 locale: string, attempts: int64}}
        required: [user_id, device_type]
      - name: shape
        plugin: fields
        rename: {{device_type: device}}
        convert: {{app_version: version_int}}
        set: {{create_date: today, origin: file}}
        drop: [body, line]
    sink:
      plugin: file
      path: {output}
    dead_letter:
      plugin: file
      path: {rejects}
"""


def read_ndjson(path):
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def expected_row(record, message_id):
    """What the sink writes for a good record, but for create_date (today)."""
    return {
        "message_id": message_id,
        "user_id": record["user_id"],
        "app_version": VERSION_INT[record["app_version"]],
        "device": record["device_type"],
        "locale": record.get("locale"),
        "attempts": record.get("attempts"),
        "origin": "file",
    }


class FileJsonFieldsPipeline(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="sluice-std-"))
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        self.input = self.dir / "input.ndjson"
        self.output = self.dir / "output.ndjson"
        self.rejects = self.dir / "rejects.ndjson"
        # Interleave good and bad lines so batches mix both.
        self.lines = []
        for good, bad in zip(GOOD, BAD):
            self.lines += [json.dumps(good), bad[0]]
        self.lines += [bad[0] for bad in BAD[len(GOOD):]]
        self.input.write_text("\n".join(self.lines) + "\n", encoding="utf-8")
        self.pipeline = write_pipeline(self.dir, PIPELINE.format(
            input=self.input, output=self.output, rejects=self.rejects))

    def run_pipeline(self):
        today_before = datetime.datetime.now(datetime.timezone.utc).date()
        result = run_sluice(["run", self.pipeline, "--drain"], cwd=self.dir)
        today_after = datetime.datetime.now(datetime.timezone.utc).date()
        self.assertEqual(result.rc, 0, result.describe())
        return {today_before.isoformat(), today_after.isoformat()}

    def line_of(self, text):
        return self.lines.index(text) + 1

    def test_good_lines_come_through_parsed_and_reshaped(self):
        todays = self.run_pipeline()
        rows = read_ndjson(self.output)
        self.assertEqual(len(rows), len(GOOD))
        for row, record in zip(rows, GOOD):
            self.assertIn(row.pop("create_date"), todays)
            line = self.line_of(json.dumps(record))
            self.assertEqual(row, expected_row(record, file_message_id(self.input, line, json.dumps(record))))

    def test_malformed_lines_are_dead_lettered_with_reasons(self):
        self.run_pipeline()
        dead = read_ndjson(self.rejects)
        got = sorted((d["message_id"], d["step"], d["reason"], d["body"])
                     for d in dead)
        want = sorted((file_message_id(self.input, self.line_of(text), text), step, reason, text)
                      for text, step, reason in BAD)
        self.assertEqual(got, want)

    def test_every_line_is_accounted_for(self):
        self.run_pipeline()
        self.assertEqual(len(read_ndjson(self.output)) + len(read_ndjson(self.rejects)),
                         len(self.lines))

    def test_output_is_appended_not_overwritten(self):
        self.output.write_text('{"earlier": true}\n', encoding="utf-8")
        self.run_pipeline()
        rows = read_ndjson(self.output)
        self.assertEqual(rows[0], {"earlier": True})
        self.assertEqual(len(rows), 1 + len(GOOD))


if __name__ == "__main__":
    unittest.main()
