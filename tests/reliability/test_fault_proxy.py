"""FaultProxy (tests/harness/sluice_harness/fault_proxy.py) against small
stdlib servers: each mode does to a client what the reliability tests rely
on, and switching back to pass_through() heals the path."""

import http.client
import http.server
import socket
import socketserver
import threading
import time
import unittest

from sluice_harness import FaultProxy


class _EchoHandler(socketserver.BaseRequestHandler):
    def handle(self):
        try:
            while data := self.request.recv(4096):
                self.request.sendall(data)
        except ConnectionResetError:
            pass  # the proxy resets its upstream side too


class _OkHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve(server):
    # A short poll interval keeps shutdown() (each test's clean-up) quick.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


class FaultProxyTest(unittest.TestCase):
    def setUp(self):
        self.echo = _serve(socketserver.ThreadingTCPServer(("127.0.0.1", 0), _EchoHandler))
        self.web = _serve(http.server.ThreadingHTTPServer(("127.0.0.1", 0), _OkHandler))
        for server in (self.echo, self.web):
            server.daemon_threads = True
            self.addCleanup(server.server_close)
            self.addCleanup(server.shutdown)

    def tcp_proxy(self):
        proxy = FaultProxy(("127.0.0.1", self.echo.server_address[1]))
        self.addCleanup(proxy.close)
        return proxy

    def http_proxy(self):
        proxy = FaultProxy(f"http://127.0.0.1:{self.web.server_address[1]}", http=True)
        self.addCleanup(proxy.close)
        return proxy

    @staticmethod
    def echo_through(proxy, payload=b"ping"):
        with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as sock:
            sock.sendall(payload)
            received = b""
            while len(received) < len(payload):
                chunk = sock.recv(4096)
                if not chunk:
                    raise ConnectionError("closed before the echo came back")
                received += chunk
            return received

    @staticmethod
    def post(connection, body=b"{}"):
        connection.request("POST", "/", body=body, headers={"Content-Type": "application/x-amz-json-1.0"})
        response = connection.getresponse()
        return response.status, response.read()

    def test_pass_through_forwards_bytes_both_ways(self):
        proxy = self.tcp_proxy()
        self.assertEqual(self.echo_through(proxy, b"x" * 200_000), b"x" * 200_000)
        self.assertEqual(proxy.connections, 1)
        self.assertEqual(proxy.faults, 0)

    def test_reset_breaks_open_and_new_connections_until_pass_through(self):
        proxy = self.tcp_proxy()
        open_connection = socket.create_connection(("127.0.0.1", proxy.port), timeout=5)
        self.addCleanup(open_connection.close)
        open_connection.sendall(b"a")
        self.assertEqual(open_connection.recv(1), b"a")
        proxy.reset()
        with self.assertRaises(ConnectionResetError):
            open_connection.sendall(b"b")
            open_connection.recv(1)
        with self.assertRaises(ConnectionError):
            self.echo_through(proxy)
        proxy.pass_through()
        self.assertEqual(self.echo_through(proxy), b"ping")
        self.assertGreaterEqual(proxy.faults, 2)

    def test_refuse_stops_listening_on_the_same_port_until_pass_through(self):
        proxy = self.tcp_proxy()
        port = proxy.port
        proxy.refuse()
        with self.assertRaises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5)
        proxy.pass_through()
        self.assertEqual(proxy.port, port)
        self.assertEqual(self.echo_through(proxy), b"ping")

    def test_delay_holds_each_chunk_back(self):
        proxy = self.tcp_proxy()
        proxy.delay(300)
        started = time.monotonic()
        self.assertEqual(self.echo_through(proxy), b"ping")
        # Two hops (there and back) of at least 300 ms each.
        self.assertGreaterEqual(time.monotonic() - started, 0.6)

    def test_http_error_answers_requests_on_kept_alive_and_new_connections(self):
        proxy = self.http_proxy()
        kept_alive = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
        self.addCleanup(kept_alive.close)
        self.assertEqual(self.post(kept_alive, b'{"a":1}'), (200, b'{"a":1}'))
        proxy.http_error(503)
        status, body = self.post(kept_alive)
        self.assertEqual(status, 503)
        self.assertIn(b"ServiceUnavailable", body)
        fresh = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
        self.addCleanup(fresh.close)
        self.assertEqual(self.post(fresh)[0], 503)
        proxy.pass_through()
        fresh.close()
        self.assertEqual(self.post(fresh, b"ok"), (200, b"ok"))
        self.assertEqual(proxy.faults, 2)

    def test_http_error_needs_an_http_proxy(self):
        with self.assertRaises(ValueError):
            self.tcp_proxy().http_error(503)


if __name__ == "__main__":
    unittest.main(verbosity=2)
