"""SIGTERM in the middle of a run of pipelines/user_logins.yaml, with most
messages still in the queue: sluice stops receiving, settles what it holds
and exits 0 well within the visibility timeout; every message it did not
commit is visible again at once, not hidden until its timeout runs out;
and a follow-up `--drain` run loads the rest, exactly once overall."""

import signal
import unittest

from sluice_harness import run_sluice, start_sluice
from user_logins_rig import RUN_TIMEOUT_S, UserLoginsRig, sized

MESSAGES = sized(3000, 20000)
SEED = 515
# Long enough that a message left hidden by the shutdown is still hidden when
# the test looks right after sluice exits; also the bound on the shutdown.
VISIBILITY_TIMEOUT_S = 30
# Keeps sluice from taking the whole queue before the signal, however fast it is.
MAX_IN_FLIGHT_ROWS = 500
ROWS_BEFORE_SIGNAL = 200


class SigtermShutdownTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rig = UserLoginsRig()
        cls.addClassCleanup(cls.rig.close)

    def test_sigterm_settles_in_flight_releases_the_rest_and_a_drain_finishes_exactly_once(self):
        rig = self.rig
        queue_url = rig.fresh_queue("sigterm")
        sent = rig.send_logins(queue_url, MESSAGES, SEED)
        env = rig.environment(queue_url)
        arguments = rig.run_arguments(f"source.visibility_timeout={VISIBILITY_TIMEOUT_S}",
                                      f"max_in_flight_rows={MAX_IN_FLIGHT_ROWS}")

        with start_sluice(arguments, env=env) as sluice:
            rig.wait_for_rows(ROWS_BEFORE_SIGNAL, RUN_TIMEOUT_S, process=sluice)
            sluice.send_signal(signal.SIGTERM)
            stopped = sluice.wait(timeout=VISIBILITY_TIMEOUT_S)
        self.assertEqual(stopped.rc, 0, stopped.describe())

        waiting, in_flight = rig.sqs.count(queue_url)
        self.assertEqual(in_flight, 0, "messages left hidden after the shutdown (they would wait out their "
                                       f"{VISIBILITY_TIMEOUT_S} s visibility timeout)")
        settled = rig.rows_loaded() + rig.rejects_loaded()
        self.assertGreater(waiting, 0, "the signal came too late: nothing was left in the queue")
        self.assertEqual(settled + waiting, MESSAGES,
                         "what was committed and what is back in the queue should add up to every message")

        finished = run_sluice(rig.run_arguments(drain=True), env=env, timeout=RUN_TIMEOUT_S)
        self.assertEqual(finished.rc, 0, finished.describe())
        rig.assert_delivered_exactly_once(self, sent, queue_url)


if __name__ == "__main__":
    unittest.main(verbosity=2)
