"""SQS becomes unreachable for a few seconds while pipelines/user_logins.yaml
drains the queue: FaultProxy, between sluice and the emulator, refuses
connections, resets them, or answers 503. The run carries on once SQS is
back and ends with every message delivered exactly once."""

import unittest

from fault_window import MESSAGES, assert_fault_hit_a_run_under_way, run_through_fault
from sluice_harness import FaultProxy
from user_logins_rig import UserLoginsRig

SEED = 4566
ACCOUNT = "000000000000"


class SqsOutageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rig = UserLoginsRig()
        cls.addClassCleanup(cls.rig.close)

    def setUp(self):
        self.queue_name = self._testMethodName.replace("_", "-")[:80]
        self.queue_url = self.rig.fresh_queue(self.queue_name)
        self.sent = self.rig.send_logins(self.queue_url, MESSAGES, SEED)
        self.proxy = FaultProxy(self.rig.sqs.endpoint, http=True)
        self.addCleanup(self.proxy.close)
        # sluice talks to the emulator only through the proxy; the test talks to it directly.
        self.env = self.rig.environment(f"{self.proxy.endpoint}/{ACCOUNT}/{self.queue_name}")

    def drain_through(self, fault):
        run = run_through_fault(self.rig, self.queue_url, self.env, fault=fault, heal=self.proxy.pass_through)
        self.assertGreater(self.proxy.faults, 0, "sluice never met the fault")
        assert_fault_hit_a_run_under_way(self, run, self.sent)
        self.rig.assert_delivered_exactly_once(self, self.sent, self.queue_url)

    def test_sqs_refusing_connections_mid_run(self):
        self.drain_through(self.proxy.refuse)

    def test_sqs_resetting_connections_mid_run(self):
        self.drain_through(self.proxy.reset)

    def test_sqs_answering_503_mid_run(self):
        self.drain_through(lambda: self.proxy.http_error(503))


if __name__ == "__main__":
    unittest.main(verbosity=2)
