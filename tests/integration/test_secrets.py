"""No output ever contains a secret, errors that time cannot fix stop at once
with exit code 2, and every wait honours SIGTERM (SPEC §6, README "Security").

Each test provokes an error through the real `sluice` binary with a known
secret in play (a DSN password, a mask key, an AWS secret key) and greps it
out of everything sluice printed."""

import os
import signal
import stat
import tempfile
import time
import unittest
from pathlib import Path

from sluice_harness import PostgresServer, free_port, run_sluice, start_sluice, write_pipeline

DSN_PASSWORD = "S3cretPgPw"
MASK_KEY = "c0ffee0123456789abcdef0123456789c0ffee0123456789abcdef0123456789"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
# Generous bounds for "at once" and "within 2 s", so a loaded machine does not fail them.
PROMPT_S = 5


class SecretsTestCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="sluice-secrets-")
        self.addCleanup(self._tmp.cleanup)
        self.dir = Path(self._tmp.name)
        self.input = self.dir / "in.ndjson"
        self.input.write_text('{"ip": "10.0.0.1"}\n', encoding="utf-8")

    def pipeline(self, source=None, transforms="", sink=None):
        source = source or f"{{plugin: file, path: {self.input}}}"
        sink = sink or f"{{plugin: file, path: {self.dir}/out.ndjson}}"
        return write_pipeline(self.dir, f"version: 1\nname: secrets\nsource: {source}\n"
                                        f"{transforms}sink: {sink}\n")

    def assertNoSecret(self, result, *secrets):
        for secret in secrets:
            self.assertNotIn(secret, result.stdout + result.stderr, result.describe())

    def assertStopsAtOnce(self, result):
        """Exit 2, and no retry announced."""
        self.assertEqual(result.rc, 2, result.describe())
        self.assertNotIn("retrying", result.stderr, result.describe())


class SecretsWithoutAServer(SecretsTestCase):
    """Errors found before anything is contacted."""

    def postgres_sink(self, options):
        return f"{{plugin: postgres, table: t, {options}}}"

    def test_a_malformed_dsn_with_a_percent_encoded_password(self):
        path = self.pipeline(sink=self.postgres_sink("dsn: '${PG_DSN}'"))
        dsn = f"postgresql://loader:Pa%zz{DSN_PASSWORD}@127.0.0.1:{free_port('127.0.0.1')}/x"
        started = time.monotonic()
        result = run_sluice(["run", path, "--drain"], env={"PG_DSN": dsn})
        self.assertLess(time.monotonic() - started, PROMPT_S, result.describe())
        self.assertStopsAtOnce(result)
        self.assertIn("invalid percent-encoded token", result.stderr)
        self.assertNoSecret(result, DSN_PASSWORD, "Pa%zz")

    def test_a_stray_bracket_does_not_print_the_dsn(self):
        path = self.pipeline(sink=self.postgres_sink("dsn: '${PG_DSN}'"))
        dsn = f"postgresql://loader:{DSN_PASSWORD}@[127.0.0.1:5432/x"
        result = run_sluice(["validate", path, "--connect"], env={"PG_DSN": dsn})
        self.assertStopsAtOnce(result)
        self.assertNoSecret(result, DSN_PASSWORD, "loader:")

    def test_a_dsn_where_its_variable_name_or_path_belongs(self):
        dsn = f"postgresql://loader:{DSN_PASSWORD}@127.0.0.1:5432/x"
        for option in ("dsn_env", "dsn_file"):
            with self.subTest(option=option):
                path = self.pipeline(sink=self.postgres_sink(f"{option}: '${{PG_DSN}}'"))
                result = run_sluice(["validate", path, "--connect"], env={"PG_DSN": dsn})
                self.assertStopsAtOnce(result)
                self.assertIn("looks like a secret", result.stderr)
                self.assertNoSecret(result, DSN_PASSWORD)

    def test_a_mask_key_where_its_variable_name_or_path_belongs(self):
        for plugin, option in (("hmac_sha256", "key_env"), ("hmac_sha256", "key_file"), ("fpe", "key_env"),
                               ("fpe", "key_file"), ("sha256", "key_env"), ("sha256", "salt_env"),
                               ("sha256", "salt_file")):
            with self.subTest(plugin=plugin, option=option):
                path = self.pipeline(transforms=(
                    "transforms:\n"
                    "  - {name: parse, plugin: json, fields: {ip: string}}\n"
                    f"  - {{name: mask, plugin: {plugin}, fields: [ip], {option}: '${{SLUICE_MASK_KEY}}'}}\n"))
                result = run_sluice(["run", path, "--drain"], env={"SLUICE_MASK_KEY": MASK_KEY})
                self.assertStopsAtOnce(result)
                self.assertIn("looks like a secret", result.stderr)
                self.assertNoSecret(result, MASK_KEY, MASK_KEY[:16])

    def sqs_source(self, options):
        return ("{plugin: sqs, queue_url: 'http://127.0.0.1:9/000000000000/q', region: us-east-1, "
                f"access_key_id: AKIDEXAMPLE, {options}}}")

    def test_an_aws_secret_key_where_its_variable_name_or_path_belongs(self):
        for option in ("secret_access_key_env", "secret_access_key_file", "session_token_env",
                       "session_token_file"):
            with self.subTest(option=option):
                path = self.pipeline(source=self.sqs_source(f"{option}: '${{AWS_SECRET}}'"))
                result = run_sluice(["validate", path, "--connect"], env={"AWS_SECRET": AWS_SECRET})
                self.assertStopsAtOnce(result)
                self.assertIn("looks like a secret", result.stderr)
                self.assertNoSecret(result, AWS_SECRET, "EXAMPLEKEY")

    def test_user_info_in_an_sqs_url(self):
        for option in ("endpoint", "queue_url"):
            with self.subTest(option=option):
                url = f"http://AKIDEXAMPLE:{DSN_PASSWORD}@127.0.0.1:9/000000000000/q"
                source = ("{plugin: sqs, region: us-east-1, "
                          + ("queue_url: 'http://127.0.0.1:9/000000000000/q', " if option == "endpoint" else "")
                          + f"{option}: '${{SQS_URL}}'}}")
                result = run_sluice(["validate", self.pipeline(source=source), "--connect"],
                                    env={"SQS_URL": url, "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
                                         "AWS_SECRET_ACCESS_KEY": AWS_SECRET})
                self.assertStopsAtOnce(result)
                self.assertIn("user info", result.stderr)
                self.assertNoSecret(result, DSN_PASSWORD, AWS_SECRET)

    def test_a_key_file_others_can_read_is_refused(self):
        key_file = self.dir / "mask.key"
        key_file.write_text(MASK_KEY + "\n", encoding="utf-8")
        path = self.pipeline(transforms=(
            "transforms:\n"
            "  - {name: parse, plugin: json, fields: {ip: string}}\n"
            f"  - {{name: mask, plugin: hmac_sha256, fields: [ip], key_file: {key_file}}}\n"))
        os.chmod(key_file, 0o644)
        result = run_sluice(["run", path, "--drain"])
        self.assertStopsAtOnce(result)
        self.assertIn("chmod 600", result.stderr)
        self.assertNoSecret(result, MASK_KEY)
        os.chmod(key_file, stat.S_IRUSR | stat.S_IWUSR)
        result = run_sluice(["run", path, "--drain"])
        self.assertEqual(result.rc, 0, result.describe())

    def test_a_dsn_file_others_can_read_is_refused(self):
        dsn_file = self.dir / "pg.dsn"
        dsn_file.write_text(f"postgresql://loader:{DSN_PASSWORD}@127.0.0.1:{free_port('127.0.0.1')}/x\n",
                            encoding="utf-8")
        os.chmod(dsn_file, 0o644)
        path = self.pipeline(sink=self.postgres_sink(f"dsn_file: {dsn_file}"))
        result = run_sluice(["run", path, "--drain"])
        self.assertStopsAtOnce(result)
        self.assertIn("chmod 600", result.stderr)
        self.assertNoSecret(result, DSN_PASSWORD)

    def test_configuration_errors_quote_literal_values_but_not_expanded_ones(self):
        literal = self.pipeline(sink=self.postgres_sink("dsn: '', batch_size: lots"))
        result = run_sluice(["validate", literal])
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn("'lots'", result.stderr)
        expanded = self.pipeline(sink=self.postgres_sink("dsn: '', batch_size: '${SLUICE_MASK_KEY}'"))
        result = run_sluice(["validate", expanded], env={"SLUICE_MASK_KEY": MASK_KEY})
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn("batch_size", result.stderr)
        self.assertNoSecret(result, MASK_KEY, MASK_KEY[:16])


class AgainstAServer(SecretsTestCase):
    """Permanent errors from a real PostgreSQL with password authentication,
    and waits for one that is not there."""

    @classmethod
    def setUpClass(cls):
        cls.pg = PostgresServer()
        cls.password_dsn = cls.pg.add_password_role("loader", DSN_PASSWORD)
        cls.pg.psql("CREATE TABLE logins(ip text); GRANT INSERT, SELECT ON logins TO loader")

    @classmethod
    def tearDownClass(cls):
        cls.pg.cleanup()

    def with_password(self, password):
        user_end = self.password_dsn.index("@")
        return self.password_dsn[:user_end] + ":" + password + self.password_dsn[user_end:]

    def sink_pipeline(self):
        return self.pipeline(
            transforms="transforms:\n  - {name: parse, plugin: json, fields: {ip: string}}\n",
            sink="{plugin: postgres, dsn: '${PG_DSN}', table: logins}")

    def test_the_right_password_writes(self):
        result = run_sluice(["run", self.sink_pipeline(), "--drain"], env={"PG_DSN": self.with_password(DSN_PASSWORD)})
        self.assertEqual(result.rc, 0, result.describe())
        self.assertNoSecret(result, DSN_PASSWORD)

    def test_a_wrong_password_stops_at_once(self):
        wrong = "Wr0ngPassw0rd"
        started = time.monotonic()
        result = run_sluice(["run", self.sink_pipeline(), "--drain"], env={"PG_DSN": self.with_password(wrong)})
        self.assertLess(time.monotonic() - started, PROMPT_S, result.describe())
        self.assertStopsAtOnce(result)
        self.assertIn("password authentication failed", result.stderr)
        self.assertNoSecret(result, wrong)

    def test_no_password_stops_at_once(self):
        result = run_sluice(["run", self.sink_pipeline(), "--drain"], env={"PG_DSN": self.password_dsn})
        self.assertStopsAtOnce(result)
        self.assertIn("no password supplied", result.stderr)

    def test_a_missing_database_stops_at_once(self):
        dsn = self.pg.dsn.rsplit("/", 1)[0] + "/no_such_database"
        result = run_sluice(["run", self.sink_pipeline(), "--drain"], env={"PG_DSN": dsn})
        self.assertStopsAtOnce(result)
        self.assertIn("does not exist", result.stderr)

    def dead_dsn(self):
        return f"postgresql://loader:{DSN_PASSWORD}@127.0.0.1:{free_port('127.0.0.1')}/postgres"

    def test_sigterm_during_the_first_connection_retries(self):
        with start_sluice(["run", self.sink_pipeline()], env={"PG_DSN": self.dead_dsn()}) as sluice:
            sluice.wait_for_output("retrying in")
            signalled = time.monotonic()
            sluice.send_signal(signal.SIGTERM)
            result = sluice.wait(timeout=60)
            elapsed = time.monotonic() - signalled
        self.assertLess(elapsed, PROMPT_S, result.describe())
        self.assertEqual(result.rc, 0, result.describe())
        self.assertIn("stopping during start-up", result.stderr)
        self.assertNoSecret(result, DSN_PASSWORD)

    def test_validate_connect_gives_up_after_its_timeout(self):
        started = time.monotonic()
        result = run_sluice(["validate", self.sink_pipeline(), "--connect", "--connect-timeout", "2"],
                            env={"PG_DSN": self.dead_dsn()}, timeout=60)
        elapsed = time.monotonic() - started
        self.assertLess(elapsed, 2 + PROMPT_S, result.describe())
        self.assertEqual(result.rc, 1, result.describe())
        self.assertIn("--connect-timeout", result.stderr)
        self.assertNoSecret(result, DSN_PASSWORD)


if __name__ == "__main__":
    unittest.main()
