"""PostgreSQL goes away for a few seconds while pipelines/user_logins.yaml
drains the queue: stopped and restarted, or (through FaultProxy) its
connections reset or slowed. The run carries on once the database is back
and ends with every message delivered exactly once."""

import unittest

from fault_window import MESSAGES, assert_fault_hit_a_run_under_way, run_through_fault
from sluice_harness import FaultProxy
from user_logins_rig import UserLoginsRig

SEED = 5432
SLOW_POSTGRES_MS = 200


class PostgresOutageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rig = UserLoginsRig()
        cls.addClassCleanup(cls.rig.close)

    def setUp(self):
        self.queue_url = self.rig.fresh_queue(self._testMethodName.replace("_", "-")[:80])
        self.sent = self.rig.send_logins(self.queue_url, MESSAGES, SEED)

    def through_proxy(self):
        proxy = FaultProxy((self.rig.pg.host, self.rig.pg.port))
        self.addCleanup(proxy.close)
        dsn = f"postgresql://postgres@{proxy.host}:{proxy.port}/postgres"
        return proxy, self.rig.environment(self.queue_url, pg_dsn=dsn)

    def assert_exactly_once_after(self, run):
        assert_fault_hit_a_run_under_way(self, run, self.sent)
        self.rig.assert_delivered_exactly_once(self, self.sent, self.queue_url)

    def test_postgres_stopped_and_started_again_mid_run(self):
        pg = self.rig.pg
        run = run_through_fault(self.rig, self.queue_url, self.rig.environment(self.queue_url),
                                fault=pg.stop, heal=pg.start)
        self.assert_exactly_once_after(run)

    def test_postgres_connections_reset_mid_run(self):
        proxy, env = self.through_proxy()
        run = run_through_fault(self.rig, self.queue_url, env, fault=proxy.reset, heal=proxy.pass_through)
        self.assertGreater(proxy.faults, 0, "no connection was reset")
        self.assert_exactly_once_after(run)

    def test_postgres_slow_to_answer_mid_run(self):
        proxy, env = self.through_proxy()
        run = run_through_fault(self.rig, self.queue_url, env, fault=lambda: proxy.delay(SLOW_POSTGRES_MS),
                                heal=proxy.pass_through)
        self.assert_exactly_once_after(run)


if __name__ == "__main__":
    unittest.main(verbosity=2)
