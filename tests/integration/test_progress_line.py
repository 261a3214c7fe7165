"""The progress line of `sluice run`: on a terminal it refreshes every
second with what the pipeline did and, for the sqs source, the backlog left
(ApproximateNumberOfMessages from the emulator); it never appears in a
pipe, with JSON logs or with --no-progress. With --metrics-addr the same
backlog is exported as the gauge sluice_source_backlog."""

import json
import os
import re
import signal
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from sluice_harness import SqsEmulator, free_port, run_sluice, start_sluice, write_pipeline

AWS_ENVIRONMENT = {"AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret", "AWS_SESSION_TOKEN": None,
                   "AWS_REGION": "us-east-1", "AWS_PROFILE": None, "AWS_ENDPOINT_URL": None,
                   "AWS_ENDPOINT_URL_SQS": None}
TEST_PLUGINS = os.environ.get("SLUICE_TEST_PLUGIN_DIR", "")
# The line is redrawn after "\r" and ANSI "erase to end of line" (the "\r"
# reads back as a line break: output is read as text).
ERASE_LINE = "\x1b[K"
PROGRESS = re.compile(r"received ([\d,]+) \| committed ([\d,]+) \| dead-lettered ([\d,]+) \| failed ([\d,]+) "
                      r"\| ([\d,]+) rows/s( \| backlog ~([\d,]+)(, [^\r\n]*)?)?")


def number(text):
    return int(text.replace(",", ""))


class ProgressLineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sqs = SqsEmulator()

    @classmethod
    def tearDownClass(cls):
        cls.sqs.stop()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = Path(self.tmp.name)
        self.queue_url = self.sqs.create_queue(f"q-{uuid.uuid4().hex[:12]}")
        source = json.dumps({"plugin": "sqs", "queue_url": self.queue_url, "wait_time_seconds": 1})
        sink = json.dumps({"plugin": "file", "path": str(self.dir / "out.ndjson")})
        self.pipeline = write_pipeline(self.dir, f"version: 1\nname: progress\nsource: {source}\n"
                                                 f"transforms: []\nsink: {sink}\n")

    def slow_pipeline(self):
        """A pipeline that cannot keep up (the sink takes 300 ms a batch, ten
        rows in flight at most), so the queue holds messages for a while."""
        source = json.dumps({"plugin": "sqs", "queue_url": self.queue_url, "wait_time_seconds": 1,
                             "concurrency": 1})
        return write_pipeline(self.dir, f"version: 1\nname: progress_slow\nsource: {source}\ntransforms: []\n"
                                        "sink: {plugin: testkit_sink, delay_ms: 300}\nmax_in_flight_rows: 10\n",
                              name="slow.yaml")

    def run_on_terminal(self, *options, until=None, seconds=3.0, pipeline=None):
        """Runs the pipeline with stderr on a pseudo-terminal until `until`
        appears (or for `seconds`), then stops it with SIGTERM."""
        with start_sluice([*options, "run", pipeline or self.pipeline], env=AWS_ENVIRONMENT,
                          terminal=True) as sluice:
            if until:
                sluice.wait_for_output(until, timeout=60)
            else:
                time.sleep(seconds)
            sluice.send_signal(signal.SIGTERM)
            result = sluice.wait(timeout=60)
        self.assertEqual(result.rc, 0, result.describe())
        return result

    def test_on_a_terminal_it_shows_counts_and_the_backlog_left(self):
        self.sqs.send_messages(self.queue_url, [json.dumps({"n": i}) for i in range(200)])
        result = self.run_on_terminal(until="backlog ~0, drained")
        lines = PROGRESS.findall(result.stderr)
        self.assertTrue(lines, result.describe())
        self.assertIn(ERASE_LINE, result.stderr)
        last = lines[-1]
        self.assertEqual(number(last[1]), 200, result.describe())
        self.assertTrue(all(number(line[0]) >= number(line[1]) for line in lines))
        # Log lines are not mixed into the progress line: each one starts a line of its own.
        for log_line in re.findall(r"\d{4}-\d\d-\d\dT[^\r\n]*", result.stderr):
            self.assertNotIn("rows/s", log_line)

    @unittest.skipUnless(TEST_PLUGINS, "needs SLUICE_TEST_PLUGIN_DIR (the testkit plugins)")
    def test_a_backlog_shows_how_long_it_takes_to_drain(self):
        self.sqs.send_messages(self.queue_url, [json.dumps({"n": i}) for i in range(300)])
        result = self.run_on_terminal("--plugin-path", TEST_PLUGINS, until="to drain", pipeline=self.slow_pipeline())
        backlogs = [number(line[6]) for line in PROGRESS.findall(result.stderr) if line[6]]
        self.assertTrue(backlogs, result.describe())
        self.assertLessEqual(max(backlogs), 300)

    @unittest.skipUnless(TEST_PLUGINS, "needs SLUICE_TEST_PLUGIN_DIR (the testkit plugins)")
    def test_the_backlog_is_exported_as_a_gauge_with_the_metrics_server(self):
        # Not on a terminal: the gauge comes with --metrics-addr, not with the line.
        self.sqs.send_messages(self.queue_url, [json.dumps({"n": i}) for i in range(300)])
        port = free_port()
        with start_sluice(["--plugin-path", TEST_PLUGINS, "--metrics-addr", f"127.0.0.1:{port}", "run",
                           self.slow_pipeline()], env=AWS_ENVIRONMENT) as sluice:
            deadline = time.monotonic() + 60
            waiting = None
            while waiting is None and time.monotonic() < deadline:
                try:
                    scrape = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
                except urllib.error.URLError:  # not listening yet
                    scrape = ""
                found = re.search(r"^sluice_source_backlog (\d+)$", scrape, re.M)
                waiting = int(found.group(1)) if found and int(found.group(1)) > 0 else None
                time.sleep(0.2)
            sluice.send_signal(signal.SIGTERM)
            result = sluice.wait(timeout=60)
        self.assertIsNotNone(waiting, result.describe())
        self.assertLessEqual(waiting, 300)
        self.assertIn("# TYPE sluice_source_backlog gauge", scrape)
        self.assertNotIn("rows/s", result.stderr)

    def test_not_in_a_pipe(self):
        self.sqs.send_messages(self.queue_url, [json.dumps({"n": i}) for i in range(50)])
        result = run_sluice(["run", self.pipeline, "--drain"], env=AWS_ENVIRONMENT, timeout=120)
        self.assertEqual(result.rc, 0, result.describe())
        self.assertNotIn("rows/s", result.stderr)
        self.assertNotIn("\x1b", result.stderr)

    def test_not_with_json_logs(self):
        self.sqs.send_messages(self.queue_url, [json.dumps({"n": i}) for i in range(50)])
        result = self.run_on_terminal("--log-format", "json", seconds=3.5)
        self.assertNotIn("rows/s", result.stderr)
        for line in result.stderr.splitlines():
            if line.strip():
                json.loads(line)

    def test_not_with_no_progress(self):
        with start_sluice(["run", self.pipeline, "--no-progress"], env=AWS_ENVIRONMENT, terminal=True) as sluice:
            time.sleep(3.5)
            sluice.send_signal(signal.SIGTERM)
            result = sluice.wait(timeout=60)
        self.assertEqual(result.rc, 0, result.describe())
        self.assertNotIn("rows/s", result.stderr)
        self.assertNotIn("\x1b", result.stderr)


if __name__ == "__main__":
    unittest.main()
