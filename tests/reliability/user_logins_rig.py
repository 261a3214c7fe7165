"""What the reliability tests share: PostgreSQL and the SQS emulator,
pipelines/user_logins.yaml run as a user runs it, generated login messages,
and the verdict every test reaches at the end: each valid message is one
row, each malformed one is one dead-letter row, nothing is left in the queue.

Sizes: SLUICE_RELIABILITY_SCALE=full gives the issue's full form; the
default is a shorter form that keeps CI (and its sanitizer build) quick.
"""

import hashlib
import hmac
import os
import secrets
import sys
import time
from collections import Counter
from dataclasses import dataclass

from sluice_harness import PostgresServer, SqsEmulator
from sluice_harness.paths import source_dir

sys.path.insert(0, str(source_dir() / "tools"))
from generate_logins import generate_logins  # noqa: E402  (the project's generator)

FULL_SCALE = os.environ.get("SLUICE_RELIABILITY_SCALE", "") == "full"
PIPELINE = source_dir() / "pipelines" / "user_logins.yaml"
TARGET_TABLE = "user_logins"
REJECTS_TABLE = "user_logins_rejects"
LOGIN_COLUMNS = "user_id, device_type, masked_ip, masked_device_id, locale, app_version"
# The longest any single sluice run may take before the test calls it a hang;
# generous, because the sanitizer build on two shared cores is slow.
RUN_TIMEOUT_S = 600


def sized(ci, full):
    """The CI value, or the full one under SLUICE_RELIABILITY_SCALE=full."""
    return full if FULL_SCALE else ci


@dataclass
class SentLogins:
    """Messages put on a queue, with the ids SQS gave them."""
    messages: list
    message_ids: list

    @property
    def valid(self):
        return [(mid, m) for mid, m in zip(self.message_ids, self.messages) if m.valid]

    @property
    def malformed(self):
        return [(mid, m) for mid, m in zip(self.message_ids, self.messages) if not m.valid]


class UserLoginsRig:
    """One PostgreSQL with the user_logins table, one SQS emulator, one mask key."""

    def __init__(self):
        self.pg = PostgresServer()
        try:
            self.sqs = SqsEmulator()
        except BaseException:
            self.pg.cleanup()
            raise
        self.pg.psql((source_dir() / "pipelines" / "user_logins.sql").read_text())
        self.mask_key = secrets.token_hex(32)

    def close(self):
        self.sqs.stop()
        self.pg.cleanup()

    # -- set-up -------------------------------------------------------------

    def fresh_queue(self, name):
        """A new queue, and empty tables: every test starts from nothing."""
        self.pg.psql(f"TRUNCATE {TARGET_TABLE}; DROP TABLE IF EXISTS {REJECTS_TABLE}, sluice_ledger;")
        return self.sqs.create_queue(name)

    def send_logins(self, queue_url, count, seed):
        messages = generate_logins(count, seed=seed)
        return SentLogins(messages, self.sqs.send_messages(queue_url, [m.body for m in messages]))

    def environment(self, queue_url, pg_dsn=None):
        """What a user exports before `sluice run pipelines/user_logins.yaml`."""
        return {
            "SQS_QUEUE_URL": queue_url,
            "PG_DSN": pg_dsn or self.pg.dsn,
            "SLUICE_MASK_KEY": self.mask_key,
            # The emulator checks no signature, but the sqs source signs every request.
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_SESSION_TOKEN": None,
            "AWS_REGION": "us-east-1",
            "AWS_PROFILE": None,
            "AWS_ENDPOINT_URL": None,
            "AWS_ENDPOINT_URL_SQS": None,
        }

    @staticmethod
    def run_arguments(*settings, drain=False):
        """`run pipelines/user_logins.yaml [--drain] --set K=V ...`"""
        arguments = ["run", str(PIPELINE)] + (["--drain"] if drain else [])
        for setting in settings:
            arguments += ["--set", setting]
        return arguments

    # -- progress -------------------------------------------------------------

    def rows_loaded(self):
        return int(self.pg.psql(f"SELECT count(*) FROM {TARGET_TABLE}")[0][0])

    def rejects_loaded(self):
        """Rows in the dead-letter table, which its sink creates on first use."""
        exists = self.pg.psql(f"SELECT to_regclass('{REJECTS_TABLE}') IS NOT NULL")[0][0] == "t"
        return int(self.pg.psql(f"SELECT count(*) FROM {REJECTS_TABLE}")[0][0]) if exists else 0

    def wait_for_rows(self, at_least, timeout_s, process=None):
        """Waits until the table holds at_least rows; fails if `process` exits first."""
        deadline = time.monotonic() + timeout_s
        while self.rows_loaded() < at_least:
            if process is not None and not process.running():
                raise AssertionError(f"sluice exited before loading {at_least} rows:\n{process.wait().describe()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"fewer than {at_least} rows after {timeout_s} s")
            time.sleep(0.1)

    def wait_until_queue_empty(self, queue_url, timeout_s, process):
        """Waits until every message is deleted (settled); fails if `process` exits first."""
        deadline = time.monotonic() + timeout_s
        while self.sqs.count(queue_url) != (0, 0):
            if not process.running():
                raise AssertionError(f"sluice exited with messages left in the queue:\n{process.wait().describe()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"messages left after {timeout_s} s (waiting, in flight): "
                                     f"{self.sqs.count(queue_url)}\n--- sluice's stderr ---\n{process.output()[1]}")
            time.sleep(0.2)

    def wait_until_nothing_in_flight(self, queue_url, timeout_s):
        """Waits until no message is hidden (received, not deleted), e.g. after a crash."""
        deadline = time.monotonic() + timeout_s
        while self.sqs.count(queue_url)[1] > 0:
            if time.monotonic() > deadline:
                raise AssertionError(f"messages still in flight after {timeout_s} s: {self.sqs.count(queue_url)}")
            time.sleep(0.2)

    # -- the verdict ------------------------------------------------------------

    def assert_delivered_exactly_once(self, test, sent, queue_url):
        """Each valid message one row, each malformed one one reject, nothing left in the queue."""
        self._assert_rows_match(test, sent)
        ledger = [row[0] for row in self.pg.psql(
            f"SELECT message_id FROM sluice_ledger WHERE target = '{TARGET_TABLE}'")]
        test.assertEqual(sorted(ledger), sorted(mid for mid, _ in sent.valid),
                         "the ledger does not hold each valid message id exactly once")
        rejects = self.pg.psql(f"SELECT message_id, body FROM {REJECTS_TABLE}")
        test.assertEqual(sorted(rejects), sorted((mid, m.body) for mid, m in sent.malformed),
                         "malformed messages are not each dead-lettered exactly once")
        test.assertEqual(self.sqs.count(queue_url), (0, 0), "messages left in the queue (waiting, in flight)")

    def _assert_rows_match(self, test, sent):
        loaded = Counter(self.pg.psql(f"SELECT {LOGIN_COLUMNS} FROM {TARGET_TABLE}"))
        expected = Counter(self._expected_row(m.login) for _, m in sent.valid)
        missing, extra = expected - loaded, loaded - expected
        # Counts only: the rows hold (masked) login data that a log need not carry.
        if missing or extra:
            test.fail(f"{sum(missing.values())} logins missing, {sum(extra.values())} rows extra or duplicated "
                      f"(of {sum(expected.values())} expected)")

    def _expected_row(self, login):
        return (login["user_id"], login["device_type"], self._mask(login["ip"]), self._mask(login["device_id"]),
                login["locale"], str(_version_int(login["app_version"])))

    def _mask(self, value):
        return hmac.new(bytes.fromhex(self.mask_key), value.encode(), hashlib.sha256).hexdigest()


def _version_int(text):
    """SPEC §4: "2.3.0" -> 2003000; missing parts count as 0."""
    parts = [int(part) for part in text.split(".")] + [0, 0]
    return parts[0] * 1_000_000 + parts[1] * 1_000 + parts[2]


__all__ = ["FULL_SCALE", "RUN_TIMEOUT_S", "SentLogins", "UserLoginsRig", "sized"]
