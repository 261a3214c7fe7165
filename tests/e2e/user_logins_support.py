"""What the end-to-end tests of pipelines/user_logins*.yaml share: the
project's login generator, the target table, and running a pipeline file
as a user would, against the test's PostgreSQL and SQS emulator."""

import hashlib
import hmac
import secrets
import sys

from sluice_harness import PostgresServer, SqsEmulator, run_sluice
from sluice_harness.paths import source_dir

sys.path.insert(0, str(source_dir() / "tools"))
from generate_logins import generate_logins  # noqa: E402  (the project's generator, in tools/)

QUEUE_NAME = "login-queue"
RUN_TIMEOUT_S = 300  # generous: the sanitizer build is several times slower


def pipeline_path(variant=""):
    """pipelines/user_logins.yaml, or user_logins_<variant>.yaml."""
    name = f"user_logins_{variant}.yaml" if variant else "user_logins.yaml"
    return source_dir() / "pipelines" / name


def create_target_table(pg):
    pg.psql((source_dir() / "pipelines" / "user_logins.sql").read_text())


def start_servers(test_class):
    """For setUpClass: a PostgreSQL with the target table as test_class.pg and an SQS
    emulator as test_class.sqs, both stopped when the class is done."""
    test_class.pg = PostgresServer()
    test_class.addClassCleanup(test_class.pg.cleanup)
    test_class.sqs = SqsEmulator()
    test_class.addClassCleanup(test_class.sqs.stop)
    create_target_table(test_class.pg)


def new_mask_key():
    """A 256-bit key in hex: what hmac_sha256 and fpe read, and a fine salt for sha256."""
    return secrets.token_hex(32)


def pipeline_env(queue_url, pg, mask_key):
    return {
        "SQS_QUEUE_URL": queue_url,
        "PG_DSN": pg.dsn,
        "SLUICE_MASK_KEY": mask_key,
        # The emulator checks no signature, but the sqs source signs every request.
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_REGION": "us-east-1",
        "AWS_PROFILE": None,
        "AWS_ENDPOINT_URL": None,
        "AWS_ENDPOINT_URL_SQS": None,
    }


def drain(pipeline, env):
    """`sluice run PIPELINE --drain`, as a user runs it."""
    return run_sluice(["run", pipeline, "--drain"], env=env, timeout=RUN_TIMEOUT_S)


def hmac_hex(key_hex, value):
    return hmac.new(bytes.fromhex(key_hex), value.encode(), hashlib.sha256).hexdigest()


def version_int(text):
    """SPEC §4: "2.3.0" -> 2003000; missing parts count as 0."""
    parts = [int(part) for part in text.split(".")] + [0, 0]
    return parts[0] * 1_000_000 + parts[1] * 1_000 + parts[2]


__all__ = ["QUEUE_NAME", "create_target_table", "start_servers", "drain", "generate_logins", "hmac_hex", "new_mask_key",
           "pipeline_env", "pipeline_path", "version_int"]
