#!/usr/bin/env python3
"""Sluice end to end against the reference SQS consumer, in one run.

    python3 bench/e2e/run_bench.py [--messages 100000] [--latencies 0,20] [--concurrencies 8,64]
                                   [--emulator-concurrency 8] [--skip-emulator] [--skip-latency]
                                   [--build-dir build]

Starts PostgreSQL, then for each cell of latency x concurrency a
bench/sqs_server holding every reply that many ms, and last the SQS
emulator (tests/harness), direct and through bench/latency_proxy (each
request and response delayed by --delay-ms). In each scenario:
  1. loads N generated login messages, drains them with bench/sqs_reference
     (receive 10 + DeleteMessageBatch on C threads; no transform, no database);
  2. loads them again, drains them with `sluice run pipelines/user_logins.yaml
     --drain` (exactly_once into PostgreSQL), source concurrency C.
Both clients are timed by the same watcher: from the spawn of the process to
the first moment the queue holds nothing, waiting or in flight. Prints
messages/s of both and their ratio, sluice's peak RSS, and CPU seconds per
1,000 messages of both (the processes' own rusage; PostgreSQL and the
emulator are not counted). Needs a build with sluice, its plugins and
sqs_reference (cmake --build build).
"""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_PIPELINE = REPO / "pipelines" / "user_logins.yaml"
sys.path[:0] = [str(REPO / "tests" / "harness"), str(REPO / "tools"), str(HERE)]

from generate_logins import generate_logins  # noqa: E402
from measured_process import run_measured  # noqa: E402
from queue_watch import QueueWatch  # noqa: E402
from sqs_server_process import BenchSqsServer  # noqa: E402
from send_messages import QueueWriter, send_all  # noqa: E402
from sluice_harness import PostgresServer, SqsEmulator, SqsError  # noqa: E402

SEED = 42
LOAD_CONCURRENCY = 4
PROXY_READY = "latency-proxy ready "
# The emulator checks no signature; sluice signs with whatever it is given.
SLUICE_ENV = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_REGION": "us-east-1",
              "SLUICE_MASK_KEY": secrets.token_hex(32)}


# Actions a consumer sends; GetQueueAttributes is left out (the watcher's).
CONSUMER_ACTIONS = ("ReceiveMessage", "DeleteMessageBatch", "DeleteMessage", "ChangeMessageVisibilityBatch",
                    "ChangeMessageVisibility")


@dataclass
class ClientResult:
    client: str
    finished: bool  # False: stopped after --client-timeout; figures cover the messages deleted by then
    messages: int
    seconds: float
    messages_per_second: float
    cpu_seconds_per_1000: float
    peak_rss_mib: float
    process_wall_seconds: float
    requests_per_message: float = None  # SQS requests per message (bench/sqs_server only)
    load_average: str = ""  # `uptime`'s three figures when the client finished


@dataclass
class ScenarioResult:
    scenario: str
    concurrency: int
    messages_loaded: int
    reference: ClientResult
    sluice: ClientResult
    rows_committed: int  # user_logins + user_logins_rejects after sluice (None when it did not finish)

    @property
    def ratio(self):
        return self.sluice.messages_per_second / self.reference.messages_per_second


class Bench:
    def __init__(self, args, pg, sqs):
        self.args, self.pg, self.sqs = args, pg, sqs
        self.load_concurrency = LOAD_CONCURRENCY
        self.bodies = [m.body for m in generate_logins(args.messages, seed=SEED)]
        self.sluice_bin = args.build_dir / "bin" / "sluice"
        self.reference_bin = args.build_dir / "bin" / "sqs_reference"
        for binary in (self.sluice_bin, self.reference_bin):
            if not os.access(binary, os.X_OK):
                sys.exit(f"run_bench: no {binary}; build first (cmake --build {args.build_dir})")

    def scenario(self, name, queue_name, concurrency, endpoint):
        """Reference then sluice, each on a freshly loaded queue reached through `endpoint`."""
        queue_url = self.load_queue(queue_name)
        consumer_url = endpoint + "/000000000000/" + queue_name
        reference = self.run_reference(queue_url, consumer_url, concurrency)
        self.load_queue(queue_name)
        self.reset_tables()
        sluice = self.run_sluice(queue_url, consumer_url, concurrency)
        rows = None
        if sluice.finished and self.args.pipeline == DEFAULT_PIPELINE:
            rows = int(self.pg.psql("SELECT (SELECT count(*) FROM user_logins) + "
                                    "(SELECT count(*) FROM user_logins_rejects)")[0][0])
        return ScenarioResult(name, concurrency, len(self.bodies), reference, sluice, rows)

    def load_queue(self, name):
        try:
            self.sqs.call("DeleteQueue", {"QueueUrl": self.sqs.endpoint + "/000000000000/" + name})
        except SqsError:
            pass  # not there yet
        queue_url = self.sqs.create_queue(name)
        send_all(QueueWriter(queue_url), iter(self.bodies), self.load_concurrency)
        return queue_url

    def reset_tables(self):
        self.pg.psql("SET client_min_messages = warning;"
                     "DROP TABLE IF EXISTS user_logins, user_logins_rejects, sluice_ledger;"
                     + (REPO / "pipelines" / "user_logins.sql").read_text())

    def run_reference(self, queue_url, consumer_url, concurrency):
        command = [str(self.reference_bin), "--queue-url", consumer_url, "--concurrency", str(concurrency),
                   "--wait-time-seconds", "1", "--expect", str(len(self.bodies))]
        return self.measure("reference", command, queue_url, env=None)

    def run_sluice(self, queue_url, consumer_url, concurrency):
        command = [str(self.sluice_bin), "run", str(self.args.pipeline), "--drain",
                   "--set", f"source.concurrency={concurrency}"]
        for override in self.args.sluice_set:
            command += ["--set", override]
        env = dict(os.environ, SQS_QUEUE_URL=consumer_url, PG_DSN=self.pg.dsn, **SLUICE_ENV)
        return self.measure("sluice", command, queue_url, env=env)

    def measure(self, client, command, queue_url, env):
        watch = QueueWatch(self.sqs, queue_url)
        requests_before = self.consumer_requests()
        figures = run_measured(command, env=env, cwd=REPO, on_start=watch.start, timeout=self.args.client_timeout)
        seconds = watch.seconds_until_empty()
        requests = self.consumer_requests()
        load_average = os.getloadavg()
        finished = figures.returncode is not None
        if finished and (figures.returncode != 0 or seconds is None):
            sys.exit(f"run_bench: {client} failed (exit {figures.returncode}, queue emptied: {seconds is not None})\n"
                     f"{' '.join(command)}\n{figures.stdout[-3000:]}{figures.stderr[-3000:]}")
        if finished:
            count = len(self.bodies)
        else:
            seconds = figures.wall_seconds
            waiting, in_flight = self.sqs.count(queue_url)
            count = len(self.bodies) - waiting - in_flight
        per_message = None if requests is None else round((requests - requests_before) / max(count, 1), 3)
        return ClientResult(client, finished, count, round(seconds, 3), round(count / seconds, 1),
                            round(figures.cpu_seconds / max(count, 1) * 1000, 4), round(figures.peak_rss_mib, 1),
                            round(figures.wall_seconds, 3), per_message,
                            " ".join(f"{x:.2f}" for x in load_average))

    def consumer_requests(self):
        """Requests a consumer sent so far, when the server counts them (bench/sqs_server)."""
        if not hasattr(self.sqs, "requests"):
            return None
        counts = self.sqs.requests()
        return sum(counts.get(action, 0) for action in CONSUMER_ACTIONS)


class LatencyProxy:
    def __init__(self, upstream, delay_ms):
        host_port = upstream.split("://", 1)[1]
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "bench" / "latency_proxy" / "latency_proxy.py"),
             "--upstream", host_port, "--delay-ms", str(delay_ms)], stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith(PROXY_READY):
            self.process.kill()
            sys.exit(f"run_bench: the latency proxy did not start: {line!r}")
        self.endpoint = line[len(PROXY_READY):].strip()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def report(results):
    print(f"\n{'scenario':<30}{'client':<11}{'msgs/s':>10}{'ratio':>8}{'CPU s/1k':>10}{'CPU ratio':>10}"
          f"{'peak RSS MiB':>14}{'req/msg':>9}{'drain s':>9}{'process s':>11}  load average")
    for r in results:
        label = f"{r.scenario} (c={r.concurrency})"
        cpu_ratio = r.sluice.cpu_seconds_per_1000 / max(r.reference.cpu_seconds_per_1000, 1e-9)
        for client, ratio, cpu in ((r.reference, "", ""), (r.sluice, f"{r.ratio:.2f}", f"{cpu_ratio:.2f}")):
            per_message = "-" if client.requests_per_message is None else f"{client.requests_per_message:.3f}"
            print(f"{label:<30}{client.client:<11}{client.messages_per_second:>10.0f}{ratio:>8}"
                  f"{client.cpu_seconds_per_1000:>10.3f}{cpu:>10}{client.peak_rss_mib:>14.1f}{per_message:>9}"
                  f"{client.seconds:>9.2f}{client.process_wall_seconds:>11.2f}  {client.load_average}")
            if not client.finished:
                print(f"  !! {client.client} stopped after {client.process_wall_seconds:.0f} s with "
                      f"{client.messages} of {r.messages_loaded} messages deleted")
        if r.rows_committed is not None and r.rows_committed != r.messages_loaded:
            print(f"  !! {r.rows_committed} rows + rejects for {r.messages_loaded} messages")


def server_cells(args, pg):
    """bench/sqs_server, one server per latency: every cell of latency x concurrency."""
    results = []
    for latency in [int(x) for x in args.latencies.split(",")]:
        with BenchSqsServer(args.build_dir / "bin" / "sqs_server", latency, args.server_threads) as server:
            bench = Bench(args, pg, server)
            # Loading 10,000 batches one RTT each needs more connections when replies are held.
            bench.load_concurrency = LOAD_CONCURRENCY if latency == 0 else 32
            for concurrency in [int(x) for x in args.concurrencies.split(",")]:
                name = f"sqs_server {latency} ms"
                results.append(bench.scenario(name, f"bench-{latency}ms-c{concurrency}", concurrency, server.endpoint))
                print_cell(results[-1])
    return results


def emulator_scenarios(args, pg):
    results = []
    with SqsEmulator() as sqs:
        bench = Bench(args, pg, sqs)
        results.append(bench.scenario("emulator direct", "bench-direct", args.concurrency, sqs.endpoint))
        print_cell(results[-1])
        if not args.skip_latency:
            proxy = LatencyProxy(sqs.endpoint, args.delay_ms)
            try:
                results.append(bench.scenario(f"emulator +{args.delay_ms:g}ms each way", "bench-latency",
                                              args.latency_concurrency, proxy.endpoint))
                print_cell(results[-1])
            finally:
                proxy.stop()
    return results


def print_cell(result):
    """Progress on stderr while the run goes on; the table comes at the end."""
    print(f"{result.scenario} c={result.concurrency}: reference {result.reference.messages_per_second:.0f} msgs/s, "
          f"sluice {result.sluice.messages_per_second:.0f} msgs/s (ratio {result.ratio:.2f})", file=sys.stderr)


def main():
    # SIGTERM unwinds like Ctrl-C, so PostgreSQL, the emulator and the proxy are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--latencies", default="0,20", help="bench/sqs_server reply latencies, ms (default 0,20)")
    parser.add_argument("--concurrencies", default="8,64", help="concurrencies against bench/sqs_server (default 8,64)")
    parser.add_argument("--server-threads", type=int, default=2, help="bench/sqs_server --threads (default 2)")
    parser.add_argument("--skip-server", action="store_true", help="only the emulator scenarios")
    parser.add_argument("--skip-emulator", action="store_true", help="only the bench/sqs_server cells")
    parser.add_argument("--concurrency", type=int, default=8, help="in-flight receives, emulator direct scenario")
    parser.add_argument("--latency-concurrency", type=int, default=32, help="in-flight receives behind the proxy")
    parser.add_argument("--delay-ms", type=float, default=10.0, help="proxy delay each way (emulator)")
    parser.add_argument("--build-dir", type=Path, default=REPO / "build")
    parser.add_argument("--skip-latency", action="store_true", help="no emulator scenario through the proxy")
    parser.add_argument("--client-timeout", type=float, default=900,
                        help="stop a client still draining after this many seconds (default 900)")
    parser.add_argument("--sluice-set", action="append", default=[], metavar="KEY=VALUE",
                        help="extra --set for sluice, e.g. sink.flush_interval_ms=200 (repeatable)")
    parser.add_argument("--pipeline", type=Path, default=DEFAULT_PIPELINE,
                        help="what sluice runs (default pipelines/user_logins.yaml; bench/e2e/sqs_only.yaml: "
                             "the SQS side alone, rows to /dev/null)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    results = []
    try:
        with PostgresServer() as pg:
            if not args.skip_server:
                results += server_cells(args, pg)
            if not args.skip_emulator:
                results += emulator_scenarios(args, pg)
    finally:
        report(results)  # what was measured, even when a later scenario failed
    if args.json:
        args.json.write_text(json.dumps([dict(asdict(r), ratio=round(r.ratio, 3)) for r in results], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
