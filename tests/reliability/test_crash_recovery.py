"""sluice killed with SIGKILL at random moments while it drains login
messages into PostgreSQL with pipelines/user_logins.yaml (exactly_once),
and started again each time; a last `--drain` run finishes the queue.
Every valid message must end up as exactly one row, every malformed one
dead-lettered exactly once.

The seed of the kill moments is printed; SLUICE_RELIABILITY_SEED=<seed>
repeats a run's choices (the timing of the machine still varies)."""

import os
import random
import time
import unittest

from sluice_harness import run_sluice, start_sluice
from user_logins_rig import RUN_TIMEOUT_S, UserLoginsRig, sized

MESSAGES = sized(8000, 20000)
KILLS = sized(10, 20)
# Short, so that what a killed process held comes back quickly for the next one.
VISIBILITY_TIMEOUT_S = 2
# Kill moments: run i is killed a random moment (up to KILL_JITTER_S) after
# the table holds a random share (up to LAST_KILL_SHARE) of the valid rows,
# so the kills spread over the whole load however fast the machine is.
LAST_KILL_SHARE = 0.6
KILL_JITTER_S = 0.5
# Frequent commits (the pipeline's default is every second) give the kills
# more chances to land between a commit and the deletes that follow it.
FLUSH_INTERVAL_MS = 100
PROGRESS_TIMEOUT_S = 120
RUNNING = "running pipeline 'user_logins'"  # sluice's log line once the pipeline is set up


class CrashRecoveryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rig = UserLoginsRig()
        cls.addClassCleanup(cls.rig.close)

    def test_sigkill_at_random_moments_loses_and_duplicates_nothing(self):
        seed = int(os.environ.get("SLUICE_RELIABILITY_SEED") or random.randrange(2**31))
        print(f"\ncrash test seed {seed}: SLUICE_RELIABILITY_SEED={seed} repeats its choices", flush=True)
        rng = random.Random(seed)
        rig = self.rig
        queue_url = rig.fresh_queue("crash")
        sent = rig.send_logins(queue_url, MESSAGES, seed)
        env = rig.environment(queue_url)
        settings = [f"source.visibility_timeout={VISIBILITY_TIMEOUT_S}", f"sink.flush_interval_ms={FLUSH_INTERVAL_MS}"]

        kill_points = sorted((round(rng.uniform(0, LAST_KILL_SHARE) * len(sent.valid)), rng.uniform(0, KILL_JITTER_S))
                             for _ in range(KILLS))
        rows_at_kills = [self.run_and_kill(env, settings, rows, jitter) for rows, jitter in kill_points]
        print("killed after rows + s:", " ".join(f"{rows}+{jitter:.2f}" for rows, jitter in kill_points), flush=True)
        print("rows committed then:  ", " ".join(map(str, rows_at_kills)), flush=True)
        self.assertLess(rows_at_kills[-1], len(sent.valid),
                        "the load was over before the last kill; raise MESSAGES")

        # What the last killed process held is hidden until its timeout; a
        # drain started earlier would find the queue empty and stop.
        rig.wait_until_nothing_in_flight(queue_url, VISIBILITY_TIMEOUT_S + 30)
        finished = run_sluice(rig.run_arguments(*settings, drain=True), env=env, timeout=RUN_TIMEOUT_S)
        self.assertEqual(finished.rc, 0, finished.describe())
        rig.assert_delivered_exactly_once(self, sent, queue_url)

    def run_and_kill(self, env, settings, rows, jitter_s):
        """Starts sluice, kills it jitter_s after the table holds `rows` rows; returns the rows at the kill."""
        with start_sluice(self.rig.run_arguments(*settings), env=env) as sluice:
            # Not before it runs: a kill during start-up tests little.
            sluice.wait_for_output(RUNNING, timeout=PROGRESS_TIMEOUT_S)
            self.rig.wait_for_rows(rows, PROGRESS_TIMEOUT_S, process=sluice)
            time.sleep(jitter_s)
            if not sluice.running():
                self.fail(f"sluice stopped by itself:\n{sluice.wait().describe()}")
            sluice.kill()
            sluice.wait()
        return self.rig.rows_loaded()


if __name__ == "__main__":
    unittest.main(verbosity=2)
