"""What `sluice run` promises about delivery: rejected rows go to the
dead-letter sink with their step and reason, or are counted and left in the
source without one; sink rejects are dead-lettered too; SIGTERM settles what
is in flight and exits 0."""

import json
import os
import signal
import tempfile
import time
import unittest

from sluice_harness import file_message_id, run_sluice, start_sluice, write_pipeline

TEST_PLUGINS = os.environ["SLUICE_TEST_PLUGIN_DIR"]


def read_ndjson(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


class DeadLetters(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.input = os.path.join(self.tmp.name, "in.ndjson")
        lines = [json.dumps({"user": f"u{i}", "n": i}) for i in range(50)]
        lines[10] = "not json at all"
        lines[20] = json.dumps({"n": 20})  # missing the required `user`
        self.id_of_line = {n: file_message_id(self.input, n, lines[n - 1]) for n in (11, 21)}
        with open(self.input, "w") as f:
            f.write("\n".join(lines) + "\n")

    def pipeline(self, dead_letter=True, sink=None):
        out = os.path.join(self.tmp.name, "out.ndjson")
        rejects = os.path.join(self.tmp.name, "rejects.ndjson")
        sink = sink or f"{{plugin: file, path: {out}}}"
        text = f"""\
            version: 1
            name: semantics
            source: {{plugin: file, path: {self.input}, batch_size: 7}}
            transforms:
              - name: parse
                plugin: json
                fields: {{user: string, n: int64}}
                required: [user]
            sink: {sink}
            """
        if dead_letter:
            text += f"dead_letter: {{plugin: file, path: {rejects}}}\n"
        return write_pipeline(self.tmp.name, text), out, rejects

    def test_rejected_rows_reach_the_dead_letter_sink_with_step_and_reason(self):
        path, out, rejects = self.pipeline()
        result = run_sluice(["run", path, "--drain"])
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(len(read_ndjson(out)), 48)
        dead = {r["message_id"]: r for r in read_ndjson(rejects)}
        self.assertEqual(set(dead), set(self.id_of_line.values()))
        bad_json = dead[self.id_of_line[11]]
        self.assertEqual(bad_json["step"], "parse")
        self.assertEqual(bad_json["body"], "not json at all")
        self.assertTrue(bad_json["reason"])
        self.assertTrue(bad_json["time"])
        self.assertIn("user", dead[self.id_of_line[21]]["reason"])

    def test_without_dead_letter_sink_rejects_are_logged_by_message_not_value(self):
        path, out, _ = self.pipeline(dead_letter=False)
        result = run_sluice(["run", path, "--drain"])
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(len(read_ndjson(out)), 48)
        self.assertIn(f"rejected message {self.id_of_line[11]}", result.stderr)
        self.assertIn("left in the source", result.stderr)
        self.assertNotIn("not json at all", result.stderr)

    def test_rows_the_sink_rejects_are_dead_lettered_and_the_rest_committed(self):
        ids = os.path.join(self.tmp.name, "committed.txt")
        path, _, rejects = self.pipeline(sink=f"{{plugin: testkit_sink, reject_every: 6, path: {ids}}}")
        result = run_sluice(["--plugin-path", TEST_PLUGINS, "run", path, "--drain"])
        self.assertEqual(result.rc, 0, result.describe())
        with open(ids) as f:
            committed = f.read().split()
        dead = read_ndjson(rejects)
        sink_rejects = [r for r in dead if r["step"] == "testkit_sink"]
        self.assertEqual(len(sink_rejects), 8)  # 48 rows reach the sink, every 6th refused
        self.assertEqual(len(committed) + len(sink_rejects), 48)
        self.assertFalse(set(committed) & {r["message_id"] for r in sink_rejects})


class Shutdown(unittest.TestCase):
    def test_sigterm_settles_in_flight_rows_and_exits_0(self):
        with tempfile.TemporaryDirectory() as tmp:
            ids = os.path.join(tmp, "committed.txt")
            fifo = os.path.join(tmp, "in.fifo")
            os.mkfifo(fifo)
            path = write_pipeline(tmp, f"""\
                version: 1
                source: {{plugin: file, path: {fifo}, batch_size: 1}}
                sink: {{plugin: testkit_sink, delay_ms: 50, path: {ids}}}
                """)
            with start_sluice(["--plugin-path", TEST_PLUGINS, "run", path]) as proc:
                with open(fifo, "w") as writer:
                    for i in range(5):
                        writer.write(f"line {i}\n")
                    writer.flush()
                    deadline = time.time() + 20
                    while time.time() < deadline:
                        if os.path.exists(ids) and len(open(ids).read().split()) >= 5:
                            break
                        time.sleep(0.05)
                    proc.send_signal(signal.SIGTERM)
                    result = proc.wait(timeout=20)
            self.assertEqual(result.rc, 0, result.describe())
            self.assertIn("stopping", result.stderr)
            with open(ids) as f:
                self.assertEqual(len(f.read().split()), 5)


if __name__ == "__main__":
    unittest.main()
