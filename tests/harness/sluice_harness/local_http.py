"""Small HTTP servers for tests: fake AWS endpoints, stubs and proxies.

    class Handler(QuietHandler):
        def do_GET(self):
            self.reply(200, {"Content-Type": "text/plain"}, b"hello")

    class Stub(LocalHttpServer):
        def __init__(self):
            super().__init__(Handler)

    with Stub() as stub:
        ... stub.endpoint ...    # http://127.0.0.1:PORT

A handler that needs its server's state gets it as `self.server.owner`.
"""

import http.server
import threading


class QuietHandler(http.server.BaseHTTPRequestHandler):
    """Keep-alive (as AWS clients expect), no access log, replies that
    tolerate a client that hung up (a cancelled long poll, a shutdown)."""

    protocol_version = "HTTP/1.1"

    @property
    def owner(self):
        return self.server.owner

    def read_body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))

    def reply(self, status, headers, body):
        if isinstance(body, str):
            body = body.encode()
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, *args):
        pass  # quiet: the test reports what matters


class LocalHttpServer:
    """Serves `handler_class` on a free loopback port from a background
    thread until stop(). With wait_for_requests, stop() also waits for the
    requests under way (a proxy must not act on a request after the test
    moved on)."""

    def __init__(self, handler_class, wait_for_requests=False):
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
        self._server.daemon_threads = not wait_for_requests
        self._server.owner = self
        self.endpoint = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()
