"""pipelines/user_logins.yaml running as a service (`sluice run`, no
--drain) with a fault held open for a few seconds in the middle of the
load: the shape every outage test shares. Once the fault is healed the
test waits for the queue to empty, stops sluice with SIGTERM and leaves the
verdict to the caller."""

import signal
import time
from dataclasses import dataclass

from sluice_harness import SluiceResult, start_sluice
from user_logins_rig import RUN_TIMEOUT_S, sized

MESSAGES = sized(3000, 20000)
FAULT_S = sized(5, 10)
# The fault opens once this many rows are committed, so it hits a run under way.
ROWS_BEFORE_FAULT = 100
SETTINGS = [
    # With the default bound (20,000) sluice takes the whole queue at once and
    # commits it in its first flush; a small bound makes it commit as it goes,
    # so that most of the load still lies ahead when the fault opens.
    "max_in_flight_rows=200",
    # A fault can swallow SQS's answer to a receive: the messages in it stay
    # hidden until their visibility timeout, then come back. Keep that short.
    "source.visibility_timeout=5",
    # The emulator holds a long poll until it has max_messages (SQS answers
    # with fewer): short polls let the last few messages through quickly.
    "source.wait_time_seconds=1",
]


@dataclass
class FaultedRun:
    result: SluiceResult  # of the SIGTERM that ended the run
    rows_at_fault: int    # committed when the fault began


def run_through_fault(rig, queue_url, env, fault, heal):
    """Runs sluice; calls fault() once it is loading and heal() FAULT_S later; stops it once the queue is empty."""
    started = time.monotonic()
    with start_sluice(rig.run_arguments(*SETTINGS), env=env) as sluice:
        rig.wait_for_rows(ROWS_BEFORE_FAULT, RUN_TIMEOUT_S, process=sluice)
        rows_at_fault = rig.rows_loaded()
        fault()
        try:
            time.sleep(FAULT_S)
        finally:
            heal()
        rig.wait_until_queue_empty(queue_url, RUN_TIMEOUT_S, process=sluice)
        emptied = time.monotonic()
        sluice.send_signal(signal.SIGTERM)
        result = sluice.wait(timeout=RUN_TIMEOUT_S)
    print(f"\n{rows_at_fault} rows committed when the {FAULT_S} s fault began; "
          f"the queue was empty {emptied - started:.1f} s after the start", flush=True)
    return FaultedRun(result, rows_at_fault)


def assert_fault_hit_a_run_under_way(test, run, sent):
    test.assertEqual(run.result.rc, 0, run.result.describe())
    test.assertLess(run.rows_at_fault, len(sent.valid),
                    "the load was over before the fault began; raise MESSAGES")
