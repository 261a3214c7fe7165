"""Four sluice processes drain one queue into one table at the same time
(pipelines/user_logins.yaml, exactly_once): together they load exactly the
input, each valid message once and each malformed one dead-lettered once.
The combined throughput is printed for the record; nothing asserts on it."""

import contextlib
import time
import unittest

from sluice_harness import start_sluice
from user_logins_rig import RUN_TIMEOUT_S, UserLoginsRig, sized

MESSAGES = sized(4000, 20000)
PROCESSES = 4
SEED = 404


class ScaleOutTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rig = UserLoginsRig()
        cls.addClassCleanup(cls.rig.close)

    def test_four_processes_on_one_queue_load_the_input_exactly_once(self):
        rig = self.rig
        queue_url = rig.fresh_queue("scale-out")
        sent = rig.send_logins(queue_url, MESSAGES, SEED)
        env = rig.environment(queue_url)

        started = time.monotonic()
        with contextlib.ExitStack() as running:
            consumers = [running.enter_context(start_sluice(rig.run_arguments(drain=True), env=env))
                         for _ in range(PROCESSES)]
            results = [consumer.wait(timeout=RUN_TIMEOUT_S) for consumer in consumers]
        elapsed = time.monotonic() - started

        for number, result in enumerate(results, 1):
            self.assertEqual(result.rc, 0, f"process {number}: {result.describe()}")
        rig.assert_delivered_exactly_once(self, sent, queue_url)
        print(f"\n{PROCESSES} processes drained {MESSAGES} messages in {elapsed:.1f} s: "
              f"{MESSAGES / elapsed:.0f} messages/s", flush=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
