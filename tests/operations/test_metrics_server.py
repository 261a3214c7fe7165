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


if __name__ == "__main__":
    unittest.main()
