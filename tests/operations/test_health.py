"""/health as a load balancer or an orchestrator sees it: 503 until the
pipeline runs, 200 while it does, 503 once a sink has held rows without
committing any for longer than --unhealthy-after, 200 again once it commits.
Deadlines below are generous bounds on waiting, never measured timings."""

import json
import os
import tempfile
import time
import unittest

from scrape import health, poll, scrape, wait_for_health
from sluice_harness import (FaultProxy, PostgresServer, SqsEmulator, free_port, run_sluice, start_sluice,
                            write_pipeline)
from user_logins_run import UserLoginsRun, create_target_table, generate_logins, new_mask_key

TEST_PLUGINS = os.environ["SLUICE_TEST_PLUGIN_DIR"]
UNHEALTHY_AFTER_S = 1
DEADLINE_S = 60
ROWS = 40


class StalledSink(unittest.TestCase):
    """A sink that takes rows and commits none (testkit_sink's
    stall_while_exists), fed from a FIFO so the source never ends by itself."""

    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = tmp.name
        self.fifo = os.path.join(self.dir, "input.fifo")
        os.mkfifo(self.fifo)
        # Read-write: opening never waits for the other side, and closing it
        # is the end of the input.
        self.writer = os.open(self.fifo, os.O_RDWR)
        self.stall = os.path.join(self.dir, "stall")
        open(self.stall, "w").close()
        self.committed = os.path.join(self.dir, "committed.txt")

    def start(self):
        pipeline = write_pipeline(self.dir, f"""\
            version: 1
            name: stalled
            source: {{plugin: file, path: {self.fifo}}}
            sink: {{plugin: testkit_sink, stall_while_exists: {self.stall}, path: {self.committed}}}
            """)
        self.port = free_port()
        return start_sluice(["--plugin-path", TEST_PLUGINS, "--metrics-addr", f"127.0.0.1:{self.port}",
                             "--unhealthy-after", str(UNHEALTHY_AFTER_S), "run", pipeline])

    @staticmethod
    def describe(sluice):
        return lambda: "\n".join(sluice.output())

    def committed_rows(self):
        with open(self.committed) as f:
            return len(f.read().split())

    def test_health_turns_503_while_the_sink_commits_nothing_and_200_once_it_does(self):
        with self.start() as sluice:
            describe = self.describe(sluice)
            wait_for_health(self.port, 200, DEADLINE_S, describe)
            os.write(self.writer, "".join(json.dumps({"n": i}) + "\n" for i in range(ROWS)).encode())

            body = wait_for_health(self.port, 503, DEADLINE_S, describe)
            self.assertIn("sink 'testkit_sink' has committed nothing", body)
            self.assertEqual(self.committed_rows(), 0)

            os.remove(self.stall)
            wait_for_health(self.port, 200, DEADLINE_S, describe)
            poll("every row committed", lambda: scrape(self.port).value("sluice_rows_committed_total") == ROWS,
                 DEADLINE_S, describe)

            os.close(self.writer)  # the end of the input: the source ends and sluice exits
            result = sluice.wait(timeout=DEADLINE_S)
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(self.committed_rows(), ROWS)

    def test_an_idle_pipeline_stays_healthy(self):
        os.remove(self.stall)
        with self.start() as sluice:
            wait_for_health(self.port, 200, DEADLINE_S, self.describe(sluice))
            time.sleep(2 * UNHEALTHY_AFTER_S)  # idle past the threshold: it holds nothing, so nothing is late
            self.assertEqual(health(self.port)[0], 200)
            os.close(self.writer)
            self.assertEqual(sluice.wait(timeout=DEADLINE_S).rc, 0)


class UnhealthyAfterOption(unittest.TestCase):
    def test_a_threshold_that_is_not_a_positive_number_is_a_usage_error(self):
        for value in ("0", "-5", "soon"):
            result = run_sluice(["--unhealthy-after", value, "plugins"])
            self.assertEqual(result.rc, 2, result.describe())
            self.assertIn("--unhealthy-after", result.stderr)


class LostDatabase(unittest.TestCase):
    """pipelines/user_logins.yaml with PostgreSQL behind a proxy that refuses
    connections: first at start-up, then in the middle of the run."""

    @classmethod
    def setUpClass(cls):
        cls.pg = PostgresServer()
        cls.addClassCleanup(cls.pg.cleanup)
        cls.sqs = SqsEmulator()
        cls.addClassCleanup(cls.sqs.stop)
        create_target_table(cls.pg)

    def test_health_follows_the_database_and_retries_are_counted(self):
        queue = self.sqs.create_queue("health-logins")
        backoff = ["--set", "sink.retry_max_backoff_ms=300", "--set", "dead_letter.retry_max_backoff_ms=300"]
        with FaultProxy(("127.0.0.1", self.pg.port)) as proxy:
            proxy.refuse()
            with UserLoginsRun(self.pg, queue, new_mask_key(), dsn=f"postgresql://postgres@127.0.0.1:{proxy.port}/postgres",
                               global_args=["--unhealthy-after", str(UNHEALTHY_AFTER_S)], run_args=backoff) as run:
                body = wait_for_health(run.port, 503, DEADLINE_S, run.describe)
                self.assertIn("starting", body)
                poll("start-up retries counted", lambda: run.scrape().value("sluice_plugin_retries_total", step="postgres"),
                     DEADLINE_S, run.describe)

                proxy.pass_through()
                wait_for_health(run.port, 200, DEADLINE_S, run.describe)

                proxy.refuse()
                messages = generate_logins(ROWS, seed=3, malformed_share=0)
                self.sqs.send_messages(queue, [m.body for m in messages])
                body = wait_for_health(run.port, 503, DEADLINE_S, run.describe)
                self.assertIn("sink 'postgres' has committed nothing", body)

                proxy.pass_through()
                wait_for_health(run.port, 200, DEADLINE_S, run.describe)
                final = run.wait_until_settled(ROWS)
                result = run.stop()
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(final.value("sluice_rows_committed_total"), ROWS)
        self.assertGreaterEqual(final.value("sluice_plugin_reconnects_total", step="postgres"), 1)
        self.assertEqual(int(self.pg.psql("SELECT count(*) FROM user_logins")[0][0]), ROWS)


if __name__ == "__main__":
    unittest.main()
