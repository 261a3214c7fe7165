"""Watches a queue from the side and notes when it is empty: nothing waiting
and nothing in flight, i.e. every message received and deleted. The same
clock for every consumer measured, whatever each reports about itself."""

import threading
import time

POLL_INTERVAL_S = 0.1


class QueueWatch:
    def __init__(self, sqs, queue_url):
        self._sqs, self._queue_url = sqs, queue_url
        self._started = None
        self._emptied = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def start(self, started_at):
        """started_at: time.monotonic() when the consumer was spawned."""
        self._started = started_at
        self._thread.start()

    def seconds_until_empty(self):
        """From the consumer's spawn to the first poll that found the queue empty (None: never)."""
        self._stop.set()
        self._thread.join()
        return None if self._emptied is None else self._emptied - self._started

    def _watch(self):
        while not self._stop.is_set():
            if self._sqs.count(self._queue_url) == (0, 0):
                self._emptied = time.monotonic()
                return
            time.sleep(POLL_INTERVAL_S)
