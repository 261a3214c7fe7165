"""pipelines/user_logins.yaml end to end, as a user runs it: 1,000 generated
login messages (ten malformed) in the SQS emulator, `sluice run --drain`,
then the same messages delivered a second time.

The first run goes through a proxy that loses every delete, so after it the
messages are still in the queue although their rows are committed: exactly
the redelivery SQS makes when an acknowledgement is lost. The second run
gets the same message ids again and must add nothing."""

import datetime
import unittest
from collections import Counter

from lost_deletes_proxy import LostDeletesProxy
from user_logins_support import (QUEUE_NAME, drain, generate_logins, hmac_hex,
                                 new_mask_key, pipeline_env, pipeline_path, start_servers, version_int)

MESSAGES = 1000
SEED = 20240611

LOGIN_COLUMNS = "user_id, device_type, masked_ip, masked_device_id, locale, app_version"


class UserLoginsEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        start_servers(cls)
        cls.queue_url = cls.sqs.create_queue(QUEUE_NAME)
        cls.key = new_mask_key()
        cls.messages = generate_logins(MESSAGES, seed=SEED)
        cls.sent_on = {datetime.datetime.now(datetime.timezone.utc).date()}
        cls.message_ids = cls.sqs.send_messages(cls.queue_url, [m.body for m in cls.messages])
        cls.sent_on.add(datetime.datetime.now(datetime.timezone.utc).date())

        with LostDeletesProxy(cls.sqs.endpoint) as proxy:
            proxied_url = proxy.endpoint + "/000000000000/" + QUEUE_NAME
            cls.first = drain(pipeline_path(), pipeline_env(proxied_url, cls.pg, cls.key))
        cls.rows_after_first = cls.logins()
        cls.rejects_after_first = cls.rejects()
        cls.deletes_lost = proxy.release(cls.sqs, cls.queue_url)

        cls.second = drain(pipeline_path(), pipeline_env(cls.queue_url, cls.pg, cls.key))

    @classmethod
    def logins(cls):
        return cls.pg.psql(f"SELECT {LOGIN_COLUMNS}, create_date FROM user_logins")

    @classmethod
    def rejects(cls):
        return cls.pg.psql("SELECT step, reason, message_id, body, time FROM user_logins_rejects")

    def valid_logins(self):
        return [m.login for m in self.messages if m.valid]

    def test_both_runs_succeed(self):
        self.assertEqual(self.first.rc, 0, self.first.describe())
        self.assertEqual(self.second.rc, 0, self.second.describe())

    def test_every_valid_message_is_one_row_with_masked_values(self):
        expected = Counter(
            (login["user_id"], login["device_type"], hmac_hex(self.key, login["ip"]),
             hmac_hex(self.key, login["device_id"]), login["locale"], str(version_int(login["app_version"])))
            for login in self.valid_logins())
        loaded = Counter(row[:6] for row in self.rows_after_first)
        self.assertEqual(sum(loaded.values()), len(self.valid_logins()))
        self.assertEqual(loaded, expected)

    def test_equal_inputs_give_equal_masked_values(self):
        logins = self.valid_logins()
        distinct_devices = {login["device_id"] for login in logins}
        self.assertLess(len(distinct_devices), len(logins), "the generator repeats some devices")
        masked_devices = {row[3] for row in self.rows_after_first}
        masked_ips = {row[2] for row in self.rows_after_first}
        self.assertEqual(len(masked_devices), len(distinct_devices))
        self.assertEqual(len(masked_ips), len({login["ip"] for login in logins}))
        self.assertFalse(masked_devices & distinct_devices, "a device id reached the table unmasked")

    def test_create_date_is_the_day_the_message_was_sent(self):
        dates = {row[6] for row in self.rows_after_first}
        self.assertTrue(dates <= {day.isoformat() for day in self.sent_on}, dates)

    def test_every_malformed_message_is_a_reject_with_its_body_and_reason(self):
        malformed = {message_id: m.body for message_id, m in zip(self.message_ids, self.messages) if not m.valid}
        self.assertEqual(len(malformed), MESSAGES // 100)
        by_id = {row[2]: row for row in self.rejects_after_first}
        self.assertEqual(len(self.rejects_after_first), len(malformed))
        self.assertEqual(set(by_id), set(malformed))
        for message_id, (step, reason, _, body, time) in by_id.items():
            self.assertEqual(step, "parse")
            self.assertTrue(reason, f"no reason for {message_id}")
            self.assertEqual(body, malformed[message_id])
            self.assertIsNotNone(time)

    def test_second_delivery_of_the_same_messages_adds_nothing(self):
        self.assertEqual(self.deletes_lost, MESSAGES, "the first run should have acknowledged every message")
        self.assertEqual(Counter(self.logins()), Counter(self.rows_after_first))
        self.assertEqual(Counter(self.rejects()), Counter(self.rejects_after_first))

    def test_the_queue_is_empty_afterwards(self):
        self.assertEqual(self.sqs.count(self.queue_url), (0, 0))

    def test_no_plain_ip_or_device_id_is_logged(self):
        output = "".join(run.stdout + run.stderr for run in (self.first, self.second))
        leaked = [value for login in self.valid_logins() for value in (login["ip"], login["device_id"])
                  if value in output]
        self.assertEqual(leaked, [])


if __name__ == "__main__":
    unittest.main()
