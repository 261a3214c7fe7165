"""The postgres sink through the real `sluice` binary: file -> json -> fields
-> postgres into the user_logins table of SPEC §8, against a PostgreSQL 15
that the test starts."""

import datetime
import json
import os
import shutil
import tempfile
import time
import unittest
from pathlib import Path

from sluice_harness import PostgresServer, run_sluice, start_sluice, write_pipeline

# SPEC §8, exactly.
USER_LOGINS_DDL = """
CREATE TABLE IF NOT EXISTS user_logins(
  user_id varchar(128), device_type varchar(32), masked_ip varchar(256),
  masked_device_id varchar(256), locale varchar(32), app_version integer,
  create_date date);
"""

VERSIONS = ["2.3.0", "0.96", "7.31", "2.00", "0.2.6", "3.7"]
DEVICES = ["android", "ios", "web"]
LOCALES = ["RU", "PH", None, "ID", "FR"]


def login(i, **overrides):
    message = {
        "user_id": f"user-{i:06d}",
        "app_version": VERSIONS[i % len(VERSIONS)],
        "device_type": DEVICES[i % len(DEVICES)],
        "ip": f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}",
        "locale": LOCALES[i % len(LOCALES)],
        "device_id": f"{i % 1000:03d}-42-{i % 10000:04d}",
    }
    message.update(overrides)
    return message


def version_int(text):
    parts = [int(p) for p in text.split(".")] + [0, 0]
    return parts[0] * 1_000_000 + parts[1] * 1_000 + parts[2]


def expected_row(message, day):
    return (message["user_id"], message["device_type"], message["ip"], message["device_id"],
            message["locale"], str(version_int(message["app_version"])), day)


def pipeline_yaml(input_path, dsn, dead_letters, convert_version=True, extra_sink=""):
    convert = "convert: {app_version: version_int}" if convert_version else ""
    return f"""
        version: 1
        name: pg_sink_test
        source:
          plugin: file
          path: {input_path}
        transforms:
          - name: parse
            plugin: json
            fields: {{user_id: string, app_version: string, device_type: string,
                     ip: string, locale: string, device_id: string}}
            required: [user_id, device_type, ip, device_id]
          - name: shape
            plugin: fields
            rename: {{ip: masked_ip, device_id: masked_device_id}}
            {convert}
            set: {{create_date: today}}
        sink:
          plugin: postgres
          dsn: {dsn}
          table: user_logins
          exactly_once: true
          {extra_sink}
        dead_letter:
          plugin: file
          path: {dead_letters}
        """


def utc_days_around(action):
    """Runs action; returns its result and the UTC dates it may have seen as today."""
    before = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    result = action()
    after = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    return result, {before, after}


class PostgresPipelineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pg = PostgresServer()

    @classmethod
    def tearDownClass(cls):
        cls.pg.cleanup()

    def setUp(self):
        self.pg.psql("DROP TABLE IF EXISTS user_logins; DROP TABLE IF EXISTS sluice_ledger;"
                     + USER_LOGINS_DDL)
        self.dir = Path(tempfile.mkdtemp(prefix="sluice-pg-test-"))
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        self.input = self.dir / "logins.ndjson"
        self.dead_letters = self.dir / "rejects.ndjson"

    def write_input(self, messages, extra_lines=()):
        with open(self.input, "w", encoding="utf-8") as f:
            for message in messages:
                f.write(json.dumps(message, ensure_ascii=False) + "\n")
            for line in extra_lines:
                f.write(line + "\n")

    def run_pipeline(self, **options):
        path = write_pipeline(self.dir, pipeline_yaml(self.input, self.pg.dsn, self.dead_letters,
                                                      **options))
        result = run_sluice(["run", str(path), "--drain"], timeout=300)
        self.assertEqual(result.rc, 0, result.describe())
        return result

    def table_rows(self):
        return sorted(self.pg.psql(
            "SELECT user_id, device_type, masked_ip, masked_device_id, locale, app_version,"
            " create_date FROM user_logins"))

    def dead_lettered(self):
        if not self.dead_letters.exists():
            return []
        return [json.loads(line) for line in self.dead_letters.read_text().splitlines()]

    def test_options_below_their_schema_minimum_are_refused_before_connecting(self):
        # The bounds live in the schema alone; the host checks them (exit code 2).
        for option in ("batch_size: 0", "retry_give_up_after_ms: -1", "retry_initial_backoff_ms: 0"):
            with self.subTest(option=option):
                path = write_pipeline(self.dir, pipeline_yaml(self.input, self.pg.dsn, self.dead_letters,
                                                              extra_sink=option))
                result = run_sluice(["validate", str(path)], timeout=60)
                self.assertEqual(result.rc, 2, result.describe())
                self.assertIn(option.split(":")[0], result.stderr, result.describe())

    def test_rows_match_the_input(self):
        messages = [login(i) for i in range(500)]
        self.write_input(messages, extra_lines=["this is not json"])
        result, days = utc_days_around(self.run_pipeline)
        rows = self.table_rows()
        day = rows[0][6]
        self.assertIn(day, days)
        self.assertEqual(rows, sorted(expected_row(m, day) for m in messages))
        self.assertEqual([d["step"] for d in self.dead_lettered()], ["parse"])

    def test_a_second_run_with_exactly_once_adds_no_row(self):
        messages = [login(i) for i in range(300)]
        self.write_input(messages)
        self.run_pipeline()
        first = self.table_rows()
        self.run_pipeline()
        self.assertEqual(self.table_rows(), first)
        self.assertEqual(len(first), 300)
        self.assertEqual(self.pg.psql("SELECT count(*) FROM sluice_ledger"), [("300",)])

    def test_rows_the_table_cannot_take_are_dead_lettered_alone(self):
        too_long = "smartwatch-" + "x" * 40
        messages = [login(i) for i in range(200)]
        messages[17] = login(17, device_type=too_long)
        messages[150] = login(150, device_type=too_long)
        self.write_input(messages)
        self.run_pipeline()
        good = [m for i, m in enumerate(messages) if i not in (17, 150)]
        self.assertEqual([r[0] for r in self.table_rows()], sorted(m["user_id"] for m in good))
        rejected = self.dead_lettered()
        # file source ids: "<path>:<line>:<content hash>"
        self.assertEqual(sorted(d["message_id"].rsplit(":", 1)[0] for d in rejected),
                         sorted(f"{self.input}:{n}" for n in (18, 151)))
        for entry in rejected:
            self.assertEqual(entry["step"], "postgres")
            self.assertIn("device_type", entry["reason"])
            self.assertNotIn("smartwatch", entry["reason"])
            self.assertIn(too_long, entry["body"])

    def test_a_non_numeric_value_for_an_integer_column_is_dead_lettered_alone(self):
        # Without version_int the text itself goes to the integer column.
        messages = [login(i, app_version=str(1000 + i)) for i in range(100)]
        messages[5] = login(5, app_version="2.3.0")
        messages[60] = login(60, app_version="twelve")
        self.write_input(messages)
        self.run_pipeline(convert_version=False)
        self.assertEqual(len(self.table_rows()), 98)
        rejected = self.dead_lettered()
        self.assertEqual(len(rejected), 2)
        for entry in rejected:
            self.assertEqual(entry["reason"], "column app_version (integer): not an integer")

    def test_sql_metacharacters_and_unicode_arrive_byte_exact(self):
        awkward = [
            "O'Brien", "'); DROP TABLE user_logins; --", "back\\slash", "tab\there",
            "new\nline", "carriage\rreturn", "\\N", "\\.", "\"double\"", "$1 $$ %s ?",
            "Zoë Ünïcødé", "日本語のユーザー", "🚀👩‍💻", "NULL", " padded ",
        ]
        messages = [login(i, user_id=value) for i, value in enumerate(awkward)]
        self.write_input(messages)
        self.run_pipeline()
        stored = dict(self.pg.psql(
            "SELECT encode(convert_to(user_id, 'UTF8'), 'hex'), app_version FROM user_logins"))
        self.assertEqual(sorted(stored),
                         sorted(value.encode("utf-8").hex() for value in awkward))
        self.assertEqual(self.dead_lettered(), [])
        self.assertEqual(self.pg.psql("SELECT count(*) FROM pg_tables WHERE tablename = "
                                      "'user_logins'"), [("1",)])

    def test_a_postgres_restart_mid_run_loses_and_duplicates_nothing(self):
        # The source reads a FIFO, so the test decides when rows arrive: the
        # first half lands, the server stops, the second half arrives while it
        # is down, then the server comes back.
        fifo = self.dir / "logins.fifo"
        os.mkfifo(fifo)
        self.input = fifo
        messages = [login(i) for i in range(4000)]
        path = write_pipeline(self.dir, pipeline_yaml(
            fifo, self.pg.dsn, self.dead_letters,
            extra_sink="batch_size: 500\n          flush_interval_ms: 50"))
        with start_sluice(["run", str(path), "--drain"]) as sluice:
            with open(fifo, "w", encoding="utf-8") as feed:
                self.feed(feed, messages[:2000])
                self.wait_for_rows(2000)
                self.pg.stop()
                self.feed(feed, messages[2000:])
                sluice.wait_for_output("retrying in", timeout=60)
                self.pg.start()
            result = sluice.wait(timeout=120)
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(self.pg.psql("SELECT count(*), count(DISTINCT user_id) FROM user_logins"),
                         [("4000", "4000")])
        self.assertEqual(self.dead_lettered(), [])

    @staticmethod
    def feed(stream, messages):
        for message in messages:
            stream.write(json.dumps(message) + "\n")
        stream.flush()

    def wait_for_rows(self, count, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.pg.psql("SELECT count(*) FROM user_logins") == [(str(count),)]:
                return
            time.sleep(0.05)
        self.fail(f"{count} rows did not land within {timeout} s")


if __name__ == "__main__":
    unittest.main()
