"""Hostile message bodies (tests/reliability/hostile_bodies/, described in
its manifest.json) mixed with good logins, through pipelines/user_logins.yaml
and pipelines/user_logins_fpe.yaml as a user runs them: SQS emulator ->
`sluice run --drain` -> PostgreSQL.

Bodies SQS would refuse (NUL, invalid UTF-8, characters outside its allowed
set, the empty body) go through the same pipeline with its source swapped for
the file source, so the json transform still meets them.

Whatever the body, sluice exits 0, every good message lands as exactly one
row, every body the manifest says lands does so once, and every other body is
dead-lettered exactly once, by the step the manifest names, with a reason,
its message id and its body."""

import hashlib
import json
import random
import shutil
import sys
import tempfile
import unittest
from dataclasses import dataclass
from pathlib import Path

from sluice_harness import PostgresServer, SqsEmulator, file_message_id, run_sluice
from sluice_harness.paths import source_dir

sys.path.insert(0, str(source_dir() / "tests" / "e2e"))
from user_logins_support import (create_target_table, generate_logins, new_mask_key,  # noqa: E402
                                 pipeline_env, pipeline_path, version_int)

BODIES_DIR = Path(__file__).resolve().parent / "hostile_bodies"
GOOD_PER_TRANSPORT = 15
SEED = 20240612
SQS_MAX_MESSAGE_BYTES = 262144  # the classic SQS limit; the emulator's default is 1 MiB
BODY_START_CHARS = 200
RUN_TIMEOUT_S = 300  # generous: the sanitizer build is several times slower
# What the sink step of pipelines/user_logins*.yaml is called in the rejects table.
SINK_STEP = "postgres"
# Swaps the SQS source for the file source. The file source has no
# sent_timestamp, so create_date becomes the day of the run instead.
FILE_SOURCE_OVERRIDES = [
    "--set", "transforms.shape.rename={}",
    "--set", "transforms.shape.convert={app_version: version_int}",
    "--set", "transforms.shape.set={create_date: today}",
]


@dataclass(frozen=True)
class Body:
    name: str
    data: bytes
    transport: str  # "sqs" or "file"
    expected: dict  # pipeline file stem ("user_logins", ...) -> "land" or "dead_letter:<step>"
    why: str

    def outcome(self, variant):
        return self.expected[pipeline_path(variant).stem]


def load_bodies():
    manifest = json.loads((BODIES_DIR / "manifest.json").read_text())["bodies"]
    bodies = [Body(name, (BODIES_DIR / name).read_bytes(), entry["transport"],
                   {key: entry[key] for key in ("user_logins", "user_logins_fpe")}, entry["why"])
              for name, entry in manifest.items()]
    listed = {body.name for body in bodies}
    on_disk = {path.name for path in BODIES_DIR.glob("*.body")}
    assert listed == on_disk, f"manifest.json and the .body files disagree: {sorted(listed ^ on_disk)}"
    return bodies


def sqs_accepts(data: bytes) -> bool:
    """What SQS takes as a message body: 1 byte to 256 KiB of UTF-8 in its allowed characters
    (#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    allowed = (lambda c: c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd"
               or c >= "\U00010000")
    return 0 < len(data) <= SQS_MAX_MESSAGE_BYTES and all(allowed(c) for c in text)


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def storable_prefix(data: bytes) -> str:
    """The body up to its first byte PostgreSQL text cannot hold (NUL, or not UTF-8): a dead
    letter keeps at least that much as it was, whatever it does with the rest."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = data[:error.start].decode("utf-8")
    return text.split("\0", 1)[0]


def landing_user_id(body: bytes) -> str:
    """The user_id a landing body carries; with duplicate keys the last one wins, in sluice as in Python."""
    return json.loads(body.decode("utf-8-sig"))["user_id"]


class HostileBodies:
    """The test, run once per pipeline variant by the subclasses below."""

    VARIANT = None  # "" for user_logins.yaml, "fpe" for user_logins_fpe.yaml

    @classmethod
    def setUpClass(cls):
        cls.bodies = load_bodies()
        cls.pg = PostgresServer()
        cls.addClassCleanup(cls.pg.cleanup)
        cls.sqs = SqsEmulator()
        cls.addClassCleanup(cls.sqs.stop)
        create_target_table(cls.pg)
        cls.workdir = Path(tempfile.mkdtemp(prefix="sluice-hostile-"))
        cls.addClassCleanup(shutil.rmtree, cls.workdir, ignore_errors=True)
        rng = random.Random(SEED)
        # Every good login its own user, so that each is found by its user_id.
        good = generate_logins(2 * GOOD_PER_TRANSPORT, seed=SEED, malformed_share=0, repeat_device_share=0)
        cls.good_logins = [m.login for m in good]
        cls.runs = []
        cls.ids_by_body = {}  # body name -> message id
        cls.queue_url = cls.sqs.create_queue("login-queue", {"MaximumMessageSize": SQS_MAX_MESSAGE_BYTES})
        cls.env = pipeline_env(cls.queue_url, cls.pg, new_mask_key())
        cls.run_through_sqs(rng, [m.body.encode() for m in good[:GOOD_PER_TRANSPORT]])
        cls.run_through_file(rng, [m.body.encode() for m in good[GOOD_PER_TRANSPORT:]])
        cls.rows = cls.pg.psql("SELECT md5(user_id), device_type, locale, app_version FROM user_logins")
        # Bodies by digest and start: psql's CSV reader takes fields up to 128 KiB only.
        cls.rejects = cls.pg.psql(f"SELECT message_id, step, reason, md5(body), left(body, {BODY_START_CHARS}), time "
                                  "FROM user_logins_rejects")

    @classmethod
    def run_through_sqs(cls, rng, good_bodies):
        hostile = [b for b in cls.bodies if b.transport == "sqs"]
        mixed = [(None, data) for data in good_bodies] + [(b.name, b.data) for b in hostile]
        rng.shuffle(mixed)
        message_ids = cls.sqs.send_messages(cls.queue_url, [data.decode("utf-8") for _, data in mixed])
        cls.ids_by_body.update({name: mid for (name, _), mid in zip(mixed, message_ids) if name})
        cls.runs.append(run_sluice(["run", pipeline_path(cls.VARIANT), "--drain"], env=cls.env,
                                   timeout=RUN_TIMEOUT_S))

    @classmethod
    def run_through_file(cls, rng, good_bodies):
        hostile = [b for b in cls.bodies if b.transport == "file"]
        mixed = [(None, data) for data in good_bodies] + [(b.name, b.data) for b in hostile]
        rng.shuffle(mixed)
        path = cls.workdir / "logins.ndjson"
        path.write_bytes(b"".join(data + b"\n" for _, data in mixed))
        # The file source names each row <path>:<line>:<hash of the line>.
        cls.ids_by_body.update({name: file_message_id(path, line, data.removesuffix(b"\r"))
                                for line, (name, data) in enumerate(mixed, start=1) if name})
        source = f"source={{plugin: file, path: '{path}'}}"
        cls.runs.append(run_sluice(["run", pipeline_path(cls.VARIANT), "--drain", "--set", source,
                                    *FILE_SOURCE_OVERRIDES], env=cls.env, timeout=RUN_TIMEOUT_S))

    def outcome(self, body):
        return body.outcome(self.VARIANT)

    def landing(self):
        return [b for b in self.bodies if self.outcome(b) == "land"]

    def dead_lettered(self):
        return [b for b in self.bodies if self.outcome(b) != "land"]

    def test_sluice_exits_0_every_time(self):
        for run in self.runs:
            self.assertEqual(run.rc, 0, run.describe())

    def test_the_queue_is_empty_afterwards(self):
        self.assertEqual(self.sqs.count(self.queue_url), (0, 0))

    def test_every_good_message_lands_as_one_row(self):
        rows = {}
        for user_id_md5, *values in self.rows:
            rows.setdefault(user_id_md5, []).append(tuple(values))
        for login in self.good_logins:
            expected = (login["device_type"], login["locale"], str(version_int(login["app_version"])))
            self.assertEqual(rows.get(md5(login["user_id"].encode())), [expected], login["user_id"])

    def test_hostile_bodies_that_should_land_land_once(self):
        landed = [row[0] for row in self.rows]
        for body in self.landing():
            with self.subTest(body=body.name):
                self.assertEqual(landed.count(md5(landing_user_id(body.data).encode())), 1, body.why)

    def test_other_hostile_bodies_are_dead_lettered_once_with_step_reason_and_body(self):
        by_id = {}
        for message_id, *rest in self.rejects:
            by_id.setdefault(message_id, []).append(rest)
        for body in self.dead_lettered():
            with self.subTest(body=body.name):
                rejects = by_id.get(self.ids_by_body[body.name], [])
                self.assertEqual(len(rejects), 1, f"{body.why}: {rejects}")
                step, reason, body_md5, body_start, time = rejects[0]
                expected_step = self.outcome(body).split(":", 1)[1]
                self.assertEqual(step, SINK_STEP if expected_step == "sink" else expected_step, reason)
                self.assertTrue(reason, "a dead letter without a reason")
                self.assertIsNotNone(time)
                self.assertIsNotNone(body_md5, "a dead letter without its body")
                storable = storable_prefix(body.data)
                if storable.encode() == body.data:
                    self.assertEqual(body_md5, md5(body.data), "the dead letter does not hold the original body")
                else:
                    self.assertEqual(body_start[:len(storable)], storable[:BODY_START_CHARS],
                                     "the dead letter lost the start of the body that text can hold")

    def test_nothing_else_lands_or_is_dead_lettered(self):
        self.assertEqual(len(self.rows), len(self.good_logins) + len(self.landing()))
        self.assertEqual(len(self.rejects), len(self.dead_lettered()))


class HostileBodyCorpus(unittest.TestCase):
    def setUp(self):
        self.bodies = load_bodies()

    def test_it_is_hostile_enough(self):
        self.assertGreaterEqual(len(self.bodies), 30)
        sizes = [len(b.data) for b in self.bodies]
        self.assertIn(SQS_MAX_MESSAGE_BYTES, sizes, "a body at SQS's size limit")
        self.assertIn(0, sizes, "the empty body")

    def test_bodies_go_through_sqs_unless_sqs_refuses_them(self):
        for body in self.bodies:
            with self.subTest(body=body.name):
                self.assertEqual(body.transport, "sqs" if sqs_accepts(body.data) else "file", body.why)
                if body.transport == "file":
                    self.assertNotIn(b"\n", body.data, "the file source reads one body per line")


class HostileBodiesThroughUserLogins(HostileBodies, unittest.TestCase):
    VARIANT = ""


class HostileBodiesThroughUserLoginsFpe(HostileBodies, unittest.TestCase):
    VARIANT = "fpe"


if __name__ == "__main__":
    unittest.main()
