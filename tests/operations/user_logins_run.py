"""pipelines/user_logins*.yaml run in the background, as an operator runs
it (no --drain), against the test's PostgreSQL and SQS emulator, with
--metrics-addr on a free port."""

import signal
import sys

from scrape import poll, scrape
from sluice_harness import free_port, start_sluice
from sluice_harness.paths import source_dir

sys.path.insert(0, str(source_dir() / "tests" / "e2e"))
from user_logins_support import (create_target_table, generate_logins, new_mask_key,  # noqa: E402
                                 pipeline_env, pipeline_path, start_servers)

SETTLE_TIMEOUT_S = 240  # generous: the sanitizer build is several times slower
# The emulator answers a long poll only when it is over (tests/harness/README.md).
SHORT_POLL = ["--set", "source.wait_time_seconds=1"]


class UserLoginsRun:
    """`sluice run pipelines/user_logins[_VARIANT].yaml` until stop()."""

    def __init__(self, pg, queue_url, key, variant="", global_args=(), run_args=(), dsn=None):
        """dsn: where the pipeline reaches PostgreSQL, when not pg.dsn (a proxy)."""
        self.port = free_port()
        args = ["--metrics-addr", f"127.0.0.1:{self.port}", *global_args,
                "run", pipeline_path(variant), *SHORT_POLL, *run_args]
        env = pipeline_env(queue_url, pg, key)
        if dsn:
            env["PG_DSN"] = dsn
        self.process = start_sluice(args, env=env)

    def describe(self):
        stdout, stderr = self.process.output()
        return f"--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"

    def scrape(self):
        return scrape(self.port)

    def wait_until_settled(self, messages):
        """Polls /metrics until every message is acknowledged and the source
        has deleted every one that may leave the queue; returns that scrape."""
        def settled():
            now = self.scrape()
            acknowledged = now.total("sluice_rows_acknowledged_total")
            deleted = now.value("sluice_plugin_messages_deleted_total", step="sqs")
            return now if acknowledged == messages and deleted == messages else None
        return poll("every message settled and deleted", settled, SETTLE_TIMEOUT_S, self.describe)

    def stop(self):
        """SIGTERM; returns the SluiceResult."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=SETTLE_TIMEOUT_S)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.process.__exit__(*exc_info)


__all__ = ["UserLoginsRun", "create_target_table", "generate_logins", "new_mask_key", "start_servers"]
