#!/usr/bin/env python3
"""A TCP proxy that delays every byte by a fixed time in each direction.

    python3 bench/latency_proxy/latency_proxy.py --upstream 127.0.0.1:4566 --delay-ms 10 [--listen 127.0.0.1:0]

prints "latency-proxy ready http://HOST:PORT" once it listens. A request
reaches the upstream server --delay-ms after the client sent it and its
response reaches the client --delay-ms after the server sent it, so an HTTP
round trip costs 2 x delay more, as with a queue at a distance. Bytes are
delayed, not throttled: many requests can be on their way at once, as on a
real network. Stops on SIGINT/SIGTERM.
"""

import argparse
import asyncio
import signal
import sys

READ_SIZE = 64 * 1024


class DelayedPipe:
    """Copies one direction of a connection, each chunk `delay` seconds after it arrived."""

    def __init__(self, reader, writer, delay):
        self._reader, self._writer, self._delay = reader, writer, delay
        self._pending = asyncio.Queue()  # (due time, bytes); b"" marks the end

    async def run(self):
        await asyncio.gather(self._read(), self._write())

    async def _read(self):
        loop = asyncio.get_running_loop()
        try:
            while data := await self._reader.read(READ_SIZE):
                self._pending.put_nowait((loop.time() + self._delay, data))
        except ConnectionError:
            pass
        self._pending.put_nowait((loop.time() + self._delay, b""))

    async def _write(self):
        loop = asyncio.get_running_loop()
        while True:
            due, data = await self._pending.get()
            await asyncio.sleep(max(0.0, due - loop.time()))
            if not data:
                break
            self._writer.write(data)
            try:
                await self._writer.drain()
            except ConnectionError:
                break
        _close(self._writer)


def _close(writer):
    if not writer.is_closing():
        writer.close()


async def proxy_connection(client_reader, client_writer, upstream, delay):
    try:
        server_reader, server_writer = await asyncio.open_connection(*upstream)
    except OSError as error:
        print(f"latency-proxy: cannot reach {upstream[0]}:{upstream[1]}: {error}", file=sys.stderr)
        _close(client_writer)
        return
    await asyncio.gather(DelayedPipe(client_reader, server_writer, delay).run(),
                         DelayedPipe(server_reader, client_writer, delay).run())


def host_port(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return host, int(port)


async def serve(args):
    delay = args.delay_ms / 1000.0
    server = await asyncio.start_server(
        lambda r, w: proxy_connection(r, w, args.upstream, delay), *args.listen)
    host, port = server.sockets[0].getsockname()[:2]
    print(f"latency-proxy ready http://{host}:{port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with server:
        await stop.wait()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Delay each direction of TCP traffic by a fixed time.")
    parser.add_argument("--upstream", type=host_port, required=True, help="HOST:PORT to forward to")
    parser.add_argument("--listen", type=host_port, default=("127.0.0.1", 0), help="HOST:PORT (default 127.0.0.1:0)")
    parser.add_argument("--delay-ms", type=float, default=10.0, help="delay each way (default 10)")
    args = parser.parse_args(argv)
    try:
        asyncio.run(serve(args))
    except OSError as error:
        print(f"latency-proxy: cannot listen on {args.listen[0]}:{args.listen[1]}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
