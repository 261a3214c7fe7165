#!/usr/bin/env python3
"""Instructions (callgrind's Ir) per message of `sluice run --drain`.

    python3 bench/e2e/count_instructions.py [--messages 5000] [--build-dir build] [--sluice BIN]
                                            [--pipeline pipelines/user_logins.yaml] [--concurrency 8]
                                            [--keep DIR]

CPU seconds of a run move with whatever else the machine does; the number
of instructions a run executes hardly does, so it compares two builds on a
shared machine. Starts PostgreSQL (for the default pipeline,
`user_logins.yaml`, exactly_once) and bench/sqs_server, loads N generated
login messages (seed 42, 1% malformed), and drains them with sluice under
`valgrind --tool=callgrind`. Start-up (plugin loading, connecting) is a
fixed cost, so the figure per message is the difference between a run of N
and a run of N/2 messages divided by N/2 ("marginal"); the whole run's
Ir / N is printed too. --keep DIR keeps callgrind.out.N for
callgrind_annotate. bench/e2e/sqs_only.yaml measures the SQS side alone.
"""

import argparse
import os
import re
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO / "tests" / "harness"), str(REPO / "tools"), str(HERE)]

from generate_logins import generate_logins  # noqa: E402
from send_messages import QueueWriter, send_all  # noqa: E402
from sluice_harness import PostgresServer  # noqa: E402
from sqs_server_process import BenchSqsServer  # noqa: E402

DEFAULT_PIPELINE = REPO / "pipelines" / "user_logins.yaml"
ENV = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_REGION": "us-east-1",
       "SLUICE_MASK_KEY": secrets.token_hex(32)}


def callgrind_ir(out_file):
    """The `summary:` (or `totals:`) line of a callgrind output file: all threads' Ir."""
    text = Path(out_file).read_text()
    match = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
    return int(match.group(1))


class Drain:
    def __init__(self, args, server, pg, tmp):
        self.args, self.server, self.pg, self.tmp = args, server, pg, Path(tmp)
        self.sluice = args.sluice or args.build_dir / "bin" / "sluice"

    def run(self, messages, label):
        """Loads `messages` into a fresh queue, drains it under callgrind, returns the Ir of the whole run."""
        queue_url = self.server.create_queue(f"instructions-{label}")
        send_all(QueueWriter(queue_url), (m.body for m in generate_logins(messages, seed=42)), 4)
        if self.pg:
            self.pg.psql("SET client_min_messages = warning;"
                         "DROP TABLE IF EXISTS user_logins, user_logins_rejects, sluice_ledger;"
                         + (REPO / "pipelines" / "user_logins.sql").read_text())
        out_dir = self.args.keep or self.tmp
        out_file = Path(out_dir) / f"callgrind.out.{label}"
        env = dict(os.environ, SQS_QUEUE_URL=queue_url, **ENV)
        if self.pg:
            env["PG_DSN"] = self.pg.dsn
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}",
                   str(self.sluice), "run", str(self.args.pipeline), "--drain",
                   "--set", f"source.concurrency={self.args.concurrency}"]
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"count_instructions: sluice failed ({result.returncode})\n{result.stderr[-3000:]}")
        self.check_rows(messages)
        return callgrind_ir(out_file)

    def check_rows(self, messages):
        if not self.pg:
            return
        rows = int(self.pg.psql("SELECT (SELECT count(*) FROM user_logins) + "
                                "(SELECT count(*) FROM user_logins_rejects)")[0][0])
        if rows != messages:
            sys.exit(f"count_instructions: {rows} rows + rejects for {messages} messages")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=5_000)
    parser.add_argument("--build-dir", type=Path, default=REPO / "build")
    parser.add_argument("--sluice", type=Path, help="sluice binary (default BUILD/bin/sluice)")
    parser.add_argument("--pipeline", type=Path, default=DEFAULT_PIPELINE)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--keep", type=Path, help="keep the callgrind output files in this directory")
    args = parser.parse_args()
    needs_postgres = "PG_DSN" in args.pipeline.read_text()
    with BenchSqsServer(args.build_dir / "bin" / "sqs_server") as server, tempfile.TemporaryDirectory() as tmp:
        pg = PostgresServer() if needs_postgres else None
        try:
            drain = Drain(args, server, pg, tmp)
            half = args.messages // 2
            full_ir = drain.run(args.messages, str(args.messages))
            half_ir = drain.run(half, str(half))
        finally:
            if pg:
                pg.cleanup()
    sluice = args.sluice or args.build_dir / "bin" / "sluice"
    print(f"{sluice} {args.pipeline.name} c={args.concurrency}: "
          f"{full_ir:,} Ir for {args.messages} messages ({full_ir / args.messages:,.0f} per message), "
          f"{half_ir:,} Ir for {half}; marginal {(full_ir - half_ir) / (args.messages - half):,.0f} Ir per message")


if __name__ == "__main__":
    main()
