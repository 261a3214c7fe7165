#!/usr/bin/env python3
"""Heap allocations per message of `sluice run` on a fixed workload.

    python3 bench/e2e/count_allocations.py [--messages 10000] [--build-dir build] [--sluice BIN]

Loads N generated login messages (seed 42) into a bench/sqs_server queue and
drains them with heaptrack around `sluice run --drain` of a pipeline that
only the SQS source and the file sink are part of (sqs -> file), so the
count is the source's and the host's (receive, parse, batch, acknowledge,
delete). Prints heaptrack's "calls to allocation functions" divided by N.
--sluice picks another build's binary (its plugins beside it, ../lib/sluice)
to compare before and after; --sites N also prints the N call sites that
allocate most often (heaptrack_print's backtraces), to see where they come from.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO / "tests" / "harness"), str(REPO / "tools"), str(HERE)]

from generate_logins import generate_logins  # noqa: E402
from send_messages import QueueWriter, send_all  # noqa: E402
from sqs_server_process import BenchSqsServer  # noqa: E402

PIPELINE = """version: 1
name: count_allocations
source: {{plugin: sqs, queue_url: '{queue_url}', concurrency: 8}}
sink: {{plugin: file, path: '{output}'}}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--build-dir", type=Path, default=REPO / "build")
    parser.add_argument("--sluice", type=Path, help="sluice binary (default BUILD/bin/sluice)")
    parser.add_argument("--sites", type=int, default=0, help="also print the N most frequent allocation sites")
    args = parser.parse_args()
    sluice = args.sluice or args.build_dir / "bin" / "sluice"
    with BenchSqsServer(args.build_dir / "bin" / "sqs_server") as server, tempfile.TemporaryDirectory() as tmp:
        queue_url = server.create_queue("allocations")
        send_all(QueueWriter(queue_url), (m.body for m in generate_logins(args.messages, seed=42)), 4)
        pipeline = Path(tmp) / "pipeline.yaml"
        pipeline.write_text(PIPELINE.format(queue_url=queue_url, output=Path(tmp) / "out.ndjson"))
        env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_REGION="us-east-1")
        record = Path(tmp) / "sluice.heaptrack"
        subprocess.run(["heaptrack", "-o", str(record), str(sluice), "run", str(pipeline), "--drain"],
                       env=env, check=True, capture_output=True)
        [data] = list(Path(tmp).glob("sluice.heaptrack*"))
        summary = subprocess.run(["heaptrack_print", "-f", str(data), "--print-peaks", "0",
                                  "--print-allocators", "1" if args.sites else "0",
                                  "--peak-limit", str(max(args.sites, 1)), "--sub-peak-limit", "3",
                                  "--print-temporary", "0", "--print-leaks", "0"],
                                 capture_output=True, text=True, check=True).stdout
        calls = int(re.search(r"total runtime: .*?\ncalls to allocation functions: (\d+)", summary, re.S).group(1))
        lines = sum(1 for _ in open(Path(tmp) / "out.ndjson"))
        if lines != args.messages:
            sys.exit(f"count_allocations: {lines} rows written for {args.messages} messages")
        if args.sites:
            print(summary[summary.find("MOST CALLS"):].split("\n\n\n")[0])
        print(f"{sluice}: {calls} allocations for {args.messages} messages = {calls / args.messages:.1f} per message")


if __name__ == "__main__":
    main()
