"""What an operator scraping /metrics sees while pipelines/user_logins.yaml
runs against PostgreSQL and the SQS emulator: received = committed +
rejected, rejections by step and reason (never a value), acknowledgements
by status, deletes, the receive-to-commit latency, the in-flight gauge, and
SQS request retries counted through a faulty network."""

import time
import unittest

from scrape import wait_for_health
from sluice_harness import FaultProxy
from user_logins_run import SETTLE_TIMEOUT_S, UserLoginsRun, generate_logins, new_mask_key, start_servers

MESSAGES = 300
MALFORMED_SHARE = 0.05
SQS_OUTAGE_S = 2


class UserLoginsMetrics(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        start_servers(cls)
        cls.key = new_mask_key()

    def setUp(self):
        self.pg.psql("TRUNCATE user_logins")

    def send(self, queue_url, seed):
        messages = generate_logins(MESSAGES, seed=seed, malformed_share=MALFORMED_SHARE)
        self.sqs.send_messages(queue_url, [m.body for m in messages])
        return messages

    def assert_well_formed(self, scrape):
        for (name, _), _ in scrape.samples.items():
            family = scrape.family(name)
            self.assertTrue(family.startswith("sluice_"), name)
            self.assertIn(family, scrape.helps, f"no HELP for {name}")
            self.assertIn(family, scrape.types, f"no TYPE for {name}")

    def test_a_scrape_accounts_for_every_message(self):
        queue_url = self.sqs.create_queue("metrics-logins")
        messages = self.send(queue_url, seed=7)
        malformed = [m for m in messages if not m.valid]
        with UserLoginsRun(self.pg, queue_url, self.key) as run:
            wait_for_health(run.port, 200, SETTLE_TIMEOUT_S, run.describe)
            while_running = run.scrape()
            self.assertIn("sluice_in_flight_rows", while_running.types)
            final = run.wait_until_settled(MESSAGES)
            result = run.stop()
        self.assertEqual(result.rc, 0, result.describe())

        self.assert_well_formed(while_running)
        self.assert_well_formed(final)
        committed = int(self.pg.psql("SELECT count(*) FROM user_logins")[0][0])
        self.assertEqual(committed, MESSAGES - len(malformed))
        self.assertEqual(final.value("sluice_rows_received_total"), MESSAGES)
        self.assertEqual(final.value("sluice_rows_committed_total"), committed)
        self.assertEqual(final.total("sluice_rows_rejected_total"), len(malformed))
        self.assertEqual(final.value("sluice_rows_dead_lettered_total"), len(malformed))
        self.assertEqual(final.value("sluice_rows_received_total"),
                         final.value("sluice_rows_committed_total") + final.total("sluice_rows_rejected_total"))
        self.assertEqual(final.value("sluice_rows_acknowledged_total", status="done"), committed)
        self.assertEqual(final.value("sluice_rows_acknowledged_total", status="dead_lettered"), len(malformed))
        self.assertEqual(final.value("sluice_rows_acknowledged_total", status="failed"), 0)
        self.assertEqual(final.value("sluice_plugin_messages_deleted_total", step="sqs"), MESSAGES)
        self.assertGreaterEqual(final.value("sluice_plugin_messages_received_total", step="sqs"), MESSAGES)
        self.assertEqual(final.value("sluice_in_flight_rows"), 0)
        latency_count = final.value("sluice_batch_latency_seconds_count")
        self.assertGreater(latency_count, 0)
        self.assertEqual(final.value("sluice_batch_latency_seconds_bucket", le="+Inf"), latency_count)

        for labels, _ in final.series("sluice_rows_rejected_total"):
            self.assertEqual(labels["step"], "parse")
            # A reason names the column or field at fault, never its value.
            self.assertTrue(labels["reason"].startswith(("column 'body'", "required field '")), labels)
        for message in malformed:
            self.assertNotIn(message.body, final.text)

    def test_sqs_request_retries_are_counted_and_lose_nothing(self):
        queue_name = "metrics-retries"
        queue = self.sqs.create_queue(queue_name)
        with FaultProxy(self.sqs.endpoint, http=True) as proxy:
            with UserLoginsRun(self.pg, f"{proxy.endpoint}/000000000000/{queue_name}", self.key,
                               run_args=["--set", "source.max_retries=20"]) as run:
                wait_for_health(run.port, 200, SETTLE_TIMEOUT_S, run.describe)
                proxy.http_error(503)
                time.sleep(SQS_OUTAGE_S)  # the outage itself; nothing is asserted on its length
                proxy.pass_through()
                self.send(queue, seed=8)
                final = run.wait_until_settled(MESSAGES)
                result = run.stop()
            self.assertGreater(proxy.faults, 0)
        self.assertEqual(result.rc, 0, result.describe())
        self.assertGreater(final.value("sluice_plugin_retries_total", step="sqs"), 0)
        self.assertEqual(final.value("sluice_rows_acknowledged_total", status="failed"), 0)


if __name__ == "__main__":
    unittest.main()
