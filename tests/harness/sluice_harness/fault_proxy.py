"""A TCP proxy that injects network faults between sluice and a server.

Tests put it between sluice and PostgreSQL (raw TCP) or the SQS emulator
(HTTP) and switch its mode while sluice runs:

    with FaultProxy(sqs.endpoint, http=True) as proxy:
        queue_url = proxy.endpoint + "/000000000000/logins"
        ... start sluice against queue_url ...
        proxy.http_error(503); time.sleep(5); proxy.pass_through()
        assert proxy.faults > 0      # sluice did meet the fault

Modes (a switch applies at once, to open connections too):
    pass_through()      forward every byte unchanged
    delay(ms)           hold each chunk it forwards, either way, for ms (HTTP: each whole request)
    reset()             reset (TCP RST) every open and every new connection
    refuse()            stop listening, so connecting is refused; open connections are reset
    http_error(status)  HTTP only: answer every request with `status` itself, then close

It runs an asyncio loop on a thread of its own, so the test thread stays free.
"""

import asyncio
import json
import socket
import struct
import threading
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus

SWITCH_TIMEOUT_S = 10
CHUNK_BYTES = 64 * 1024
HEADER_LIMIT_BYTES = 1024 * 1024


@dataclass(frozen=True)
class _Mode:
    kind: str  # pass | delay | reset | refuse | http_error
    delay_s: float = 0.0
    status: int = 0


class _Link:
    """One client connection and, once made, its connection upstream."""

    def __init__(self, client, task):
        self.client = client
        self.upstream = None
        self.task = task

    def reset(self):
        """Closes both sides at once; the client sees a TCP RST, not an orderly close."""
        _abort_with_rst(self.client)
        if self.upstream is not None:
            _abort_with_rst(self.upstream)

    def close(self):
        for writer in (self.client, self.upstream):
            if writer is not None:
                writer.close()


class FaultProxy:
    """Listens on 127.0.0.1 (a free port) and forwards to `upstream`.

    upstream: "http://host:port" or (host, port). http=True makes it read
    requests one at a time (Content-Length framing), which http_error() needs.
    Counters for assertions: `connections` accepted, `faults` injected
    (connections reset plus requests answered with an error).
    """

    def __init__(self, upstream, http=False, host="127.0.0.1"):
        self.host = host
        self._upstream = _host_and_port(upstream)
        self._http = http
        self._mode = _Mode("pass")
        self._links = set()
        self._server = None
        self.port = 0
        self.connections = 0
        self.faults = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fault-proxy", daemon=True)
        self._thread.start()
        self._on_loop(self._listen())

    # -- what tests use ---------------------------------------------------

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.port}"

    def pass_through(self):
        self._switch(_Mode("pass"))

    def delay(self, ms):
        self._switch(_Mode("delay", delay_s=ms / 1000))

    def reset(self):
        self._switch(_Mode("reset"))

    def refuse(self):
        self._switch(_Mode("refuse"))

    def http_error(self, status=503):
        if not self._http:
            raise ValueError("http_error() needs a proxy made with http=True")
        self._switch(_Mode("http_error", status=status))

    def close(self):
        """Stops listening, drops every connection and stops the loop. Safe to call twice."""
        if self._loop.is_closed():
            return
        self._on_loop(self._shut_down())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(SWITCH_TIMEOUT_S)
        self._loop.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # -- switching (on the loop) ---------------------------------------------

    def _on_loop(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(SWITCH_TIMEOUT_S)

    def _switch(self, mode):
        self._on_loop(self._apply(mode))

    async def _apply(self, mode):
        self._mode = mode
        if mode.kind in ("reset", "refuse"):
            self._reset_all()
        if mode.kind == "refuse":
            self._stop_listening()
        elif self._server is None:
            await self._listen()

    async def _listen(self):
        # The same port every time, so sluice's configured address stays valid across refuse().
        self._server = await asyncio.start_server(self._serve, self.host, self.port, reuse_address=True,
                                                  limit=HEADER_LIMIT_BYTES)
        self.port = self._server.sockets[0].getsockname()[1]

    def _stop_listening(self):
        if self._server is not None:
            self._server.close()
            self._server = None

    def _reset_all(self):
        for link in list(self._links):
            link.reset()
            self.faults += 1

    async def _shut_down(self):
        self._stop_listening()
        tasks = [link.task for link in self._links]
        self._reset_all()
        if tasks:
            await asyncio.wait(tasks, timeout=SWITCH_TIMEOUT_S)

    # -- forwarding (on the loop) --------------------------------------------

    async def _serve(self, client_reader, client_writer):
        self.connections += 1
        link = _Link(client_writer, asyncio.current_task())
        self._links.add(link)
        try:
            await self._serve_link(client_reader, link)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # either side went away; the other is closed below
        finally:
            self._links.discard(link)
            link.close()

    async def _serve_link(self, client_reader, link):
        if self._mode.kind == "reset":
            self.faults += 1
            link.reset()
            return
        if self._mode.kind == "http_error":
            await self._answer_error(client_reader, link)
            return
        upstream_reader, link.upstream = await asyncio.open_connection(*self._upstream, limit=HEADER_LIMIT_BYTES)
        upward = self._forward_requests if self._http else self._forward_chunks
        directions = [asyncio.ensure_future(upward(client_reader, link.upstream, link)),
                      asyncio.ensure_future(self._forward_chunks(upstream_reader, link.client, link))]
        # Either side closing ends the conversation: neither protocol half-closes.
        done, pending = await asyncio.wait(directions, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for task in done:
            task.result()

    async def _forward_chunks(self, reader, writer, link):
        while True:
            chunk = await reader.read(CHUNK_BYTES)
            if not chunk:
                return
            await self._delay_if_asked()
            writer.write(chunk)
            await writer.drain()

    async def _forward_requests(self, reader, writer, link):
        while True:
            request = await _read_http_request(reader)
            if request is None:
                return
            if self._mode.kind == "http_error":
                await self._reply_error(link)
                return
            await self._delay_if_asked()
            writer.write(request)
            await writer.drain()

    async def _answer_error(self, reader, link):
        if await _read_http_request(reader) is not None:
            await self._reply_error(link)

    async def _reply_error(self, link):
        self.faults += 1
        status = HTTPStatus(self._mode.status)
        body = json.dumps({"__type": status.phrase.replace(" ", ""),
                           "message": f"FaultProxy answers {status.value}"}).encode()
        head = (f"HTTP/1.1 {status.value} {status.phrase}\r\n"
                "Content-Type: application/x-amz-json-1.0\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        link.client.write(head + body)
        await link.client.drain()

    async def _delay_if_asked(self):
        if self._mode.kind == "delay":
            await asyncio.sleep(self._mode.delay_s)


async def _read_http_request(reader):
    """One request with its Content-Length body, as bytes; None when the client closed first."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as closed:
        if closed.partial:
            raise
        return None
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    return head + (await reader.readexactly(length) if length else b"")


def _abort_with_rst(writer):
    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    sock = writer.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
    writer.transport.abort()


def _host_and_port(upstream):
    if isinstance(upstream, str):
        parsed = urllib.parse.urlsplit(upstream)
        return parsed.hostname, parsed.port or 80
    host, port = upstream
    return host, int(port)
