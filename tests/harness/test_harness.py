#!/usr/bin/env python3
"""Self-test of the integration-test harness: run `python3 tests/harness/test_harness.py`."""

import os
import signal
import socket
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sluice_harness import (PostgresServer, PsqlError, SqsEmulator, SqsError, free_port,  # noqa: E402
                            run_sluice, sluice_binary, start_sluice, write_pipeline)


class PostgresServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pg = PostgresServer()

    @classmethod
    def tearDownClass(cls):
        cls.pg.cleanup()

    def test_psql_returns_rows_with_nulls_and_awkward_text(self):
        self.pg.psql("CREATE TABLE awkward(id int, note text);"
                     "INSERT INTO awkward VALUES (1, 'a,b\"c\nd'), (2, NULL), (3, '');")
        rows = self.pg.psql("SELECT id, note FROM awkward ORDER BY id")
        self.assertEqual(rows, [("1", 'a,b"c\nd'), ("2", None), ("3", "")])

    def test_psql_returns_no_rows_for_statements_without_results(self):
        self.assertEqual(self.pg.psql("CREATE TABLE empty_one(a int)"), [])
        self.assertEqual(self.pg.psql("SELECT a FROM empty_one"), [])

    def test_bad_sql_raises_with_the_server_message(self):
        with self.assertRaisesRegex(PsqlError, "no_such_table"):
            self.pg.psql("SELECT * FROM no_such_table")

    def test_dsn_names_the_port(self):
        self.assertEqual(self.pg.dsn, f"postgresql://postgres@127.0.0.1:{self.pg.port}/postgres")

    def test_restart_keeps_port_and_data(self):
        self.pg.psql("CREATE TABLE survivor(a int); INSERT INTO survivor VALUES (42)")
        port = self.pg.port
        self.pg.stop()
        with self.assertRaises(PsqlError):
            self.pg.psql("SELECT 1")
        self.pg.start()
        self.assertEqual(self.pg.port, port)
        self.assertEqual(self.pg.psql("SELECT a FROM survivor"), [("42",)])


class PostgresCleanupTest(unittest.TestCase):
    def test_cleanup_removes_the_cluster(self):
        with PostgresServer() as pg:
            data_root = Path(pg.socket_dir)
            self.assertTrue(data_root.is_dir())
        self.assertFalse(data_root.exists())


class SqsEmulatorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sqs = SqsEmulator()

    @classmethod
    def tearDownClass(cls):
        cls.sqs.stop()

    def test_queue_url_is_on_the_emulator_endpoint(self):
        url = self.sqs.create_queue("named")
        self.assertEqual(url, f"{self.sqs.endpoint}/000000000000/named")

    def test_thousand_messages_load_and_count(self):
        url = self.sqs.create_queue("bulk")
        bodies = [f'{{"n": {i}}}' for i in range(1000)]
        ids = self.sqs.send_messages(url, bodies)
        self.assertEqual(len(set(ids)), 1000)
        self.assertEqual(self.sqs.count(url), (1000, 0))

        received = self.sqs.receive_all(url)
        self.assertEqual(sorted(m.body for m in received), sorted(bodies))
        self.assertEqual(self.sqs.count(url), (0, 1000))

    def test_receive_all_reports_system_attributes_and_can_delete(self):
        url = self.sqs.create_queue("attributes")
        self.sqs.send_messages(url, ["one"])
        [message] = self.sqs.receive_all(url, delete=True)
        self.assertEqual(message.attributes["ApproximateReceiveCount"], "1")
        self.assertIn("SentTimestamp", message.attributes)
        self.assertEqual(self.sqs.count(url), (0, 0))

    def test_redrive_policy_may_be_given_as_a_dict(self):
        dead_letter_url = self.sqs.create_queue("dead-letters")
        url = self.sqs.create_queue("redriven", {
            "VisibilityTimeout": 1,
            "RedrivePolicy": {"maxReceiveCount": 1, "deadLetterTargetArn": self.sqs.queue_arn(dead_letter_url)},
        })
        attributes = self.sqs.call("GetQueueAttributes", {"QueueUrl": url, "AttributeNames": ["All"]})
        self.assertIn("dead-letters", attributes["Attributes"]["RedrivePolicy"])

    def test_missing_queue_raises_queue_does_not_exist(self):
        with self.assertRaises(SqsError) as raised:
            self.sqs.count(f"{self.sqs.endpoint}/000000000000/missing")
        self.assertEqual(raised.exception.status, 400)
        self.assertEqual(raised.exception.error_type, "com.amazonaws.sqs#QueueDoesNotExist")


class SluiceRunnerTest(unittest.TestCase):
    """The runner's mechanics, with /bin/sh standing in for sluice."""

    def setUp(self):
        patcher = mock.patch.dict(os.environ, {"SLUICE_BIN": "/bin/sh"})
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_run_returns_exit_code_and_both_streams(self):
        result = run_sluice(["-c", "echo out; echo err >&2; exit 3"])
        self.assertEqual((result.rc, result.stdout, result.stderr), (3, "out\n", "err\n"))

    def test_env_adds_and_removes_variables(self):
        os.environ["SLUICE_DOOMED"] = "still here"
        result = run_sluice(["-c", 'echo "${SLUICE_ADDED}|${SLUICE_DOOMED:-gone}"'],
                            env={"SLUICE_ADDED": "yes", "SLUICE_DOOMED": None})
        self.assertEqual(result.stdout, "yes|gone\n")

    def test_plugin_dir_becomes_plugin_path(self):
        with mock.patch.dict(os.environ, {"SLUICE_PLUGIN_DIR": "/opt/plugins"}):
            result = run_sluice(["-c", 'echo "$SLUICE_PLUGIN_PATH"'])
        self.assertEqual(result.stdout, "/opt/plugins\n")

    def test_started_process_can_be_awaited_and_signalled(self):
        script = "trap 'echo stopping; exit 0' TERM; echo ready; while :; do sleep 0.1; done"
        with start_sluice(["-c", script]) as process:
            process.wait_for_output("ready")
            process.send_signal(signal.SIGTERM)
            result = process.wait()
        self.assertEqual(result.rc, 0)
        self.assertIn("stopping", result.stdout)

    def test_missing_binary_is_reported_by_path(self):
        with mock.patch.dict(os.environ, {"SLUICE_BIN": "/nonexistent/sluice"}):
            with self.assertRaisesRegex(FileNotFoundError, "/nonexistent/sluice"):
                sluice_binary()


class SmallHelpersTest(unittest.TestCase):
    def test_free_port_can_be_bound(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", free_port()))

    def test_write_pipeline_dedents(self):
        with tempfile.TemporaryDirectory() as directory:
            path = write_pipeline(directory, """
                version: 1
                name: x
            """)
            self.assertEqual(path.read_text(), "version: 1\nname: x\n")


if __name__ == "__main__":
    unittest.main()
