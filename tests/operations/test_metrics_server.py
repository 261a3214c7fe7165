"""The --metrics-addr server under clients that do not play along (issue 16,
finding 3): idle connections held open must not starve /health or /metrics,
a request split across packets is still one request, and only the exact
paths /metrics and /health are served. Deadlines are generous bounds on
waiting, never measured timings."""

import os
import socket
import tempfile
import time
import unittest

from scrape import get, wait_for_health
from sluice_harness import free_port, start_sluice, write_pipeline
from sluice_harness.paths import source_dir

IDLE_CONNECTIONS = 50
DEADLINE_S = 60
ANSWER_WITHIN_S = 10  # generous: a probe must be answered, not timed


def request_in_pieces(port, pieces, pause_s):
    """Sends `pieces` of one request with pauses between them; returns the reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=DEADLINE_S) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for i, piece in enumerate(pieces):
            if i:
                time.sleep(pause_s)
            sock.sendall(piece)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return reply.decode(errors="replace")


class MetricsServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        tmp = tempfile.TemporaryDirectory()
        cls.addClassCleanup(tmp.cleanup)
        fifo = os.path.join(tmp.name, "input.fifo")
        os.mkfifo(fifo)
        # Held open read-write: the source never sees end of input.
        cls.writer = os.open(fifo, os.O_RDWR)
        cls.addClassCleanup(os.close, cls.writer)
        pipeline = write_pipeline(tmp.name, f"""\
            version: 1
            name: served
            source: {{plugin: file, path: {fifo}}}
            sink: {{plugin: file, path: {os.path.join(tmp.name, "out.ndjson")}}}
            """)
        cls.port = free_port()
        cls.sluice = start_sluice(["--metrics-addr", f"127.0.0.1:{cls.port}", "run", pipeline])
        cls.addClassCleanup(cls.sluice.__exit__, None, None, None)
        wait_for_health(cls.port, 200, DEADLINE_S, lambda: "\n".join(cls.sluice.output()))

    def test_health_and_metrics_answer_while_idle_connections_are_held_open(self):
        idle = []
        try:
            for _ in range(IDLE_CONNECTIONS):
                idle.append(socket.create_connection(("127.0.0.1", self.port), timeout=DEADLINE_S))
            # One that sent half a request line and stopped, too.
            idle[0].sendall(b"GET /hea")
            for path in ("/health", "/metrics", "/health"):
                status, body = get(self.port, path, timeout=ANSWER_WITHIN_S)
                self.assertEqual(status, 200, f"{path}: {body}")
            self.assertIn("sluice_", get(self.port, "/metrics", timeout=ANSWER_WITHIN_S)[1])
        finally:
            for sock in idle:
                sock.close()

    def test_a_request_split_across_packets_is_answered(self):
        reply = request_in_pieces(self.port, [b"GE", b"T /hea", b"lth HTTP/1.1\r\nHo", b"st: x\r\n", b"\r\n"],
                                  pause_s=0.3)
        self.assertTrue(reply.startswith("HTTP/1.1 200"), reply)
        self.assertTrue(reply.endswith("ok\n"), reply)

    def test_only_the_exact_paths_are_served(self):
        for path in ("/metricsX", "/metricsfoo", "/healthz", "/health/x", "/", "/metrics/"):
            status, _ = get(self.port, path, timeout=ANSWER_WITHIN_S)
            self.assertEqual(status, 404, path)
        self.assertEqual(get(self.port, "/metrics?name=x", timeout=ANSWER_WITHIN_S)[0], 200)

    def test_a_client_that_never_finishes_its_request_does_not_hold_the_server(self):
        # More connections than the server keeps open, all silent: the oldest
        # make way, and a probe still gets through.
        idle = []
        try:
            for _ in range(300):
                idle.append(socket.create_connection(("127.0.0.1", self.port), timeout=DEADLINE_S))
            status, _ = get(self.port, "/health", timeout=ANSWER_WITHIN_S)
            self.assertEqual(status, 200)
        finally:
            for sock in idle:
                sock.close()


# Low enough that a few dozen idle connections use up every descriptor, high
# enough for sluice's own files, threads and sockets (and ASan's) to start.
DESCRIPTOR_LIMIT = 64
EXHAUSTING_CONNECTIONS = 120
EXHAUSTED_WINDOW_S = 3
MOST_CPU_SHARE = 0.5  # loose: a spinning accept loop uses about 1.0


def cpu_seconds(pid):
    """User plus system CPU time of process `pid`, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


# In the sanitizer build: UBSan's vptr check needs a free descriptor to work
# (tests/sanitizers/ubsan_out_of_descriptors.supp says why); ignored elsewhere.
UBSAN_OUT_OF_DESCRIPTORS = ":".join(filter(None, [
    os.environ.get("UBSAN_OPTIONS", ""),
    f"suppressions={source_dir() / 'tests' / 'sanitizers' / 'ubsan_out_of_descriptors.supp'}"]))


def start_with_descriptor_limit(args, limit):
    """start_sluice with RLIMIT_NOFILE lowered for the child only: the limit is
    inherited at fork, and this process gets its own back at once."""
    import resource
    saved = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, saved[1]))
    try:
        return start_sluice(args, env={"UBSAN_OPTIONS": UBSAN_OUT_OF_DESCRIPTORS})
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, saved)


class OutOfDescriptors(unittest.TestCase):
    """accept() failing with EMFILE must not spin the server's thread, and the
    server must serve again once descriptors are free (issue 16)."""

    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        fifo = os.path.join(tmp.name, "input.fifo")
        os.mkfifo(fifo)
        writer = os.open(fifo, os.O_RDWR)
        self.addCleanup(os.close, writer)
        pipeline = write_pipeline(tmp.name, f"""\
            version: 1
            name: starved
            source: {{plugin: file, path: {fifo}}}
            sink: {{plugin: file, path: {os.path.join(tmp.name, "out.ndjson")}}}
            """)
        self.port = free_port()
        self.sluice = start_with_descriptor_limit(
            ["--metrics-addr", f"127.0.0.1:{self.port}", "run", pipeline], DESCRIPTOR_LIMIT)
        self.addCleanup(self.sluice.__exit__, None, None, None)
        wait_for_health(self.port, 200, DEADLINE_S, lambda: "\n".join(self.sluice.output()))

    def test_no_spinning_while_out_of_descriptors_and_serving_again_after(self):
        idle = []
        try:
            # More than the process can hold: the rest wait in the listen backlog.
            for _ in range(EXHAUSTING_CONNECTIONS):
                idle.append(socket.create_connection(("127.0.0.1", self.port), timeout=DEADLINE_S))
            time.sleep(1)  # lets the server take what it can and run out
            cpu_before, wall_before = cpu_seconds(self.sluice.pid), time.monotonic()
            time.sleep(EXHAUSTED_WINDOW_S)
            cpu_used = cpu_seconds(self.sluice.pid) - cpu_before
            wall = time.monotonic() - wall_before
            self.assertLess(cpu_used / wall, MOST_CPU_SHARE,
                            f"{cpu_used:.2f} s of CPU in {wall:.2f} s while out of descriptors")
        finally:
            for sock in idle:
                sock.close()
        status, body = get(self.port, "/health", timeout=ANSWER_WITHIN_S)
        self.assertEqual(status, 200, body)
        self.assertTrue(self.sluice.running(), "\n".join(self.sluice.output()))
        output = "\n".join(self.sluice.output())
        self.assertIn("accepting a connection failed", output)


if __name__ == "__main__":
    unittest.main()
