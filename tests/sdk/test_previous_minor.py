"""A plugin built against an older minor of the ABI keeps loading and running:
the host reads no field past the struct_size a plugin declares."""

import json
import os
import signal
import tempfile
import unittest
from pathlib import Path

from sluice_harness import run_sluice, start_sluice, write_pipeline

PLUGIN_DIR = os.environ["SLUICE_SDK_TEST_PLUGIN_DIR"]
TRAP = "beyond the struct_size"


class PreviousMinorPlugin(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="sluice-previous-minor-")
        self.dir = Path(self._tmp.name)
        (self.dir / "in.txt").write_text("hello\nmixed Case 42\n", encoding="utf-8")
        self.pipeline = write_pipeline(self.dir, f"""\
            version: 1
            name: previous_minor
            source: {{plugin: file, path: {self.dir}/in.txt}}
            transforms:
              - name: legacy
                plugin: previous_minor
            sink: {{plugin: file, path: {self.dir}/out.ndjson}}
            """)

    def tearDown(self):
        self._tmp.cleanup()

    def sluice(self, *args):
        result = run_sluice(["--plugin-path", PLUGIN_DIR, *args])
        self.assertNotIn(TRAP, result.stderr, result.describe())
        return result

    def test_it_is_listed_with_its_minor_and_without_an_inverse(self):
        result = self.sluice("plugins", "--json")
        self.assertEqual(result.rc, 0, result.describe())
        listing = json.loads(result.stdout)
        found = [p for p in listing["plugins"] if p["name"] == "previous_minor"]
        self.assertEqual(len(found), 1, listing)
        self.assertEqual(found[0]["abi_version"], "1.0")
        self.assertFalse(found[0]["reversible"])
        self.assertEqual([r for r in listing["refused"] if "previous_minor" in r["library"]], [])

    def test_it_runs_in_a_pipeline(self):
        result = self.sluice("run", self.pipeline, "--drain")
        self.assertEqual(result.rc, 0, result.describe())
        rows = [json.loads(line) for line in (self.dir / "out.ndjson").read_text(encoding="utf-8").splitlines()]
        self.assertEqual([row["body"] for row in rows], ["HELLO", "MIXED CASE 42"])

    def test_validate_connect_skips_the_check_it_does_not_have(self):
        result = self.sluice("validate", self.pipeline, "--connect")
        self.assertEqual(result.rc, 0, result.describe())

    def test_its_source_runs_under_the_progress_line_without_being_asked_a_backlog(self):
        # On a terminal the host asks the source for its backlog every second;
        # a minor-0 source has no such entry, and the trap past its
        # struct_size aborts if the host reads it anyway.
        pipeline = write_pipeline(self.dir, f"""\
            version: 1
            name: previous_minor_source
            source: {{plugin: previous_minor_source}}
            transforms: []
            sink: {{plugin: file, path: {self.dir}/source-out.ndjson}}
            """, name="source.yaml")
        # Not --drain: the source's quiet seconds (SLUICE_EMPTY) would end it at once.
        with start_sluice(["--plugin-path", PLUGIN_DIR, "run", pipeline], terminal=True) as sluice:
            result = sluice.wait(timeout=60)
        self.assertNotIn(TRAP, result.stderr, result.describe())
        self.assertEqual(result.rc, 0, result.describe())
        self.assertIn("rows/s", result.stderr, "the progress line was shown while the source was quiet")
        rows = (self.dir / "source-out.ndjson").read_text(encoding="utf-8").splitlines()
        self.assertEqual([json.loads(row)["body"] for row in rows], ["one", "two", "three"])

    def test_its_sink_is_stopped_by_sigterm_without_being_asked_to_interrupt(self):
        # On the first signal the host tells a sink to stop waiting
        # (`interrupt`, minor 2); a minor-0 sink has no such entry, and the
        # trap past its struct_size aborts if the host calls it anyway.
        fifo = self.dir / "input.fifo"
        os.mkfifo(fifo)
        writer = os.open(fifo, os.O_RDWR)  # never end of input
        self.addCleanup(os.close, writer)
        pipeline = write_pipeline(self.dir, f"""\
            version: 1
            name: previous_minor_sink
            source: {{plugin: file, path: {fifo}}}
            sink: {{plugin: previous_minor_sink}}
            """, name="sink.yaml")
        with start_sluice(["--plugin-path", PLUGIN_DIR, "run", pipeline]) as sluice:
            os.write(writer, b"one\ntwo\n")
            sluice.wait_for_output("running pipeline")
            sluice.send_signal(signal.SIGTERM)
            result = sluice.wait(timeout=60)
        self.assertNotIn(TRAP, result.stderr, result.describe())
        self.assertEqual(result.rc, 0, result.describe())

    def test_unmask_says_it_is_one_way_without_calling_past_its_ops(self):
        result = self.sluice("unmask", self.pipeline, "--step", "legacy")
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn("one-way", result.stderr)


if __name__ == "__main__":
    unittest.main()
