"""The file source against hostile or slow input, through the real binary
(issue 16, findings 6 and 7): a line far over max_line_bytes is skipped and
reported by number and length in bounded memory, SIGTERM stops a run in the
middle of a huge line, and --drain reads a pipe to its end however long the
writer is quiet. Bounds below are generous limits on waiting, not timings."""

import json
import os
import signal
import subprocess
import tempfile
import threading
import time
import unittest
from pathlib import Path

from sluice_harness import sluice_binary, start_sluice, write_pipeline
from sluice_harness.sluice import sluice_environment

HUGE_LINE_BYTES = 256 * 1024 * 1024
RSS_LIMIT_BYTES = 100 * 1024 * 1024
RUN_TIMEOUT_S = 300
STOP_WITHIN_S = 20  # generous: the promise is 2 s, the machine may be loaded


def read_ndjson(path):
    return [json.loads(line) for line in Path(path).read_text().splitlines()]


def run_measured(args, **kwargs):
    """Runs sluice to the end; returns (exit code, stdout, stderr, peak RSS in bytes)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen([str(sluice_binary()), *map(str, args)], env=sluice_environment(),
                                   stdout=out, stderr=err, **kwargs)
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"sluice still running after {RUN_TIMEOUT_S}s")
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return process.returncode, out.read().decode(), err.read().decode(errors="replace"), usage.ru_maxrss * 1024


class FileSourceLimits(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = Path(tmp.name)
        self.output = self.dir / "out.ndjson"

    def pipeline(self, path, drain_options=""):
        return write_pipeline(self.dir, f"""\
            version: 1
            name: limits
            source: {{plugin: file, path: '{path}'{drain_options}}}
            sink: {{plugin: file, path: '{self.output}'}}
            """)

    def test_a_256_mib_line_is_skipped_and_reported_in_bounded_memory(self):
        source = self.dir / "huge.ndjson"
        chunk = b"x" * (1024 * 1024)
        with open(source, "wb") as f:
            f.write(b'{"n": 1}\n')
            for _ in range(HUGE_LINE_BYTES // len(chunk)):
                f.write(chunk)
            f.write(b'\n{"n": 3}\n')
        rc, _, stderr, peak_rss = run_measured(["run", self.pipeline(source), "--drain"])
        self.assertEqual(rc, 0, stderr)
        self.assertEqual([row["body"] for row in read_ndjson(self.output)], ['{"n": 1}', '{"n": 3}'])
        self.assertIn(f"line 2 of {source} is {HUGE_LINE_BYTES} bytes, more than max_line_bytes (1048576); skipped",
                      stderr)
        self.assertNotIn("xxxxxxxx", stderr)
        self.assertLess(peak_rss, RSS_LIMIT_BYTES, f"peak RSS {peak_rss / 2**20:.0f} MiB")

    def test_sigterm_in_the_middle_of_a_huge_line_stops_the_run(self):
        # A sparse file: 64 GiB of zero bytes without a newline, on no disk.
        source = self.dir / "endless.ndjson"
        with open(source, "wb") as f:
            f.truncate(64 * 1024 ** 3)
        with start_sluice(["run", self.pipeline(source)]) as sluice:
            sluice.wait_for_output("running pipeline")
            time.sleep(1)  # well inside the line by now
            sluice.send_signal(signal.SIGTERM)
            stopped = time.monotonic()
            result = sluice.wait(timeout=STOP_WITHIN_S)
        self.assertEqual(result.rc, 0, result.describe())
        self.assertLess(time.monotonic() - stopped, STOP_WITHIN_S)

    def test_drain_reads_a_quiet_pipe_to_its_end(self):
        # (sleep 3; echo '{...}') | sluice run p.yaml --drain
        with tempfile.TemporaryFile() as err:
            process = subprocess.Popen([str(sluice_binary()), "run", str(self.pipeline("-")), "--drain"],
                                       env=sluice_environment(), stdin=subprocess.PIPE,
                                       stdout=subprocess.DEVNULL, stderr=err)

            def write_late():
                time.sleep(3)
                process.stdin.write(b'{"late": 1}\n')
                process.stdin.flush()
                time.sleep(1)
                process.stdin.write(b'{"late": 2}\n')
                process.stdin.close()

            writer = threading.Thread(target=write_late)
            writer.start()
            try:
                rc = process.wait(timeout=RUN_TIMEOUT_S)
            finally:
                writer.join()
            err.seek(0)
            stderr = err.read().decode()
        self.assertEqual(rc, 0, stderr)
        self.assertEqual([row["body"] for row in read_ndjson(self.output)], ['{"late": 1}', '{"late": 2}'])


if __name__ == "__main__":
    unittest.main()
