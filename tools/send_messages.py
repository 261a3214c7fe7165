#!/usr/bin/env python3
"""Sends message bodies, one per input line, to a queue of the local SQS emulator.

    python3 tools/generate_logins.py --count 100 | \
        python3 tools/send_messages.py --queue-url http://127.0.0.1:4566/000000000000/login-queue

Ten bodies per SendMessageBatch request, over a few parallel connections, so
that 100,000 messages load in well under a minute. Requests are not signed:
this is for the emulator (scripts/sqs-emulator.mjs). For real SQS use
`aws sqs send-message-batch`.
"""

import argparse
import http.client
import json
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

BATCH_LIMIT = 10  # SQS's maximum entries per batch request
CHUNK_BATCHES = 50  # batches handed to one worker at a time


class QueueWriter:
    """One keep-alive connection per thread to the emulator."""

    def __init__(self, queue_url):
        self.queue_url = queue_url
        parsed = urllib.parse.urlsplit(queue_url)
        if parsed.scheme != "http" or not parsed.hostname:
            raise ValueError(f"expected the emulator's http:// queue URL, got {queue_url!r}")
        self._host, self._port = parsed.hostname, parsed.port or 80
        self._local = threading.local()

    def send_batch(self, bodies):
        entries = [{"Id": str(i), "MessageBody": body} for i, body in enumerate(bodies)]
        answer = self._call("SendMessageBatch", {"QueueUrl": self.queue_url, "Entries": entries})
        if answer.get("Failed") or len(answer.get("Successful", [])) != len(entries):
            raise RuntimeError(f"SendMessageBatch failed: {json.dumps(answer.get('Failed'))}")

    def _call(self, action, request):
        connection = self._connection()
        connection.request("POST", "/", body=json.dumps(request).encode(), headers={
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"AmazonSQS.{action}"})
        response = connection.getresponse()
        text = response.read().decode()
        if response.status != 200:
            raise RuntimeError(f"{action}: HTTP {response.status}: {text}")
        return json.loads(text) if text else {}

    def _connection(self):
        if not hasattr(self._local, "connection"):
            self._local.connection = http.client.HTTPConnection(self._host, self._port, timeout=60)
        return self._local.connection


def batches(lines):
    batch = []
    for line in lines:
        batch.append(line.rstrip("\n"))
        if len(batch) == BATCH_LIMIT:
            yield batch
            batch = []
    if batch:
        yield batch


def chunks(items, size):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def send_all(writer, lines, concurrency):
    """Sends every line; returns how many were sent."""
    def send_chunk(chunk):
        for batch in chunk:
            writer.send_batch(batch)
        return sum(map(len, chunk))

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return sum(pool.map(send_chunk, chunks(batches(lines), CHUNK_BATCHES)))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Send one SQS message per input line (local emulator only).")
    parser.add_argument("--queue-url", required=True)
    parser.add_argument("--concurrency", type=int, default=4, help="parallel connections (default 4)")
    parser.add_argument("input", nargs="?", default="-", help="file of bodies, one per line (default stdin)")
    args = parser.parse_args(argv)
    try:
        writer = QueueWriter(args.queue_url)
        if args.input == "-":
            sent = send_all(writer, sys.stdin, args.concurrency)
        else:
            with open(args.input, encoding="utf-8") as lines:
                sent = send_all(writer, lines, args.concurrency)
    except (OSError, ValueError, RuntimeError) as error:
        print(f"send_messages: {error}", file=sys.stderr)
        return 1
    print(f"sent {sent} messages to {args.queue_url}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
