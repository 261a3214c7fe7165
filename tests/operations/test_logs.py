"""`--log-format json`: every line sluice writes to stderr is one JSON
object with a time, a level, the step (or part of the host) and a message;
and no ip or device_id from the input ever shows in the logs or the metrics,
not even for the rows the fpe masker rejects because their values are bad.
Run at debug level, where the most is said about rejected rows."""

import json
import unittest

from user_logins_run import UserLoginsRun, generate_logins, new_mask_key, start_servers

MESSAGES = 200
LOG_KEYS = {"ts", "level", "component", "msg"}
LEVELS = {"trace", "debug", "info", "warn", "error"}
# Values fpe's `format: auto` refuses: not an address, or letters among digits.
BAD_VALUES = [
    {"ip": "300.12.7.1", "device_id": "123-45-6789"},
    {"ip": "unknown-host.example", "device_id": "987-65-4321"},
    {"ip": "10.1.2.3", "device_id": "dev-aa-zz-qq"},
]


def bad_login(number, values):
    return json.dumps({"user_id": f"user-bad-{number}", "app_version": "1.2.3", "device_type": "ios",
                       "locale": None, **values})


class JsonLogsWithoutPii(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        start_servers(cls)
        queue = cls.sqs.create_queue("logs-logins")
        logins = [m.login for m in generate_logins(MESSAGES, seed=5) if m.valid]
        bodies = [json.dumps(login) for login in logins] + [bad_login(i, v) for i, v in enumerate(BAD_VALUES)]
        cls.sqs.send_messages(queue, bodies)
        cls.pii = {login[field] for login in logins for field in ("ip", "device_id")}
        cls.pii |= {value for values in BAD_VALUES for value in values.values()}

        with UserLoginsRun(cls.pg, queue, new_mask_key(), variant="fpe",
                           global_args=["--log-format", "json", "--log-level", "debug"]) as run:
            cls.final = run.wait_until_settled(len(bodies))
            cls.result = run.stop()

    def test_the_run_succeeds_and_bad_values_are_rejected_by_the_masker(self):
        self.assertEqual(self.result.rc, 0, self.result.describe())
        rejected = self.final.series("sluice_rows_rejected_total")
        self.assertEqual(sum(value for labels, value in rejected if labels["step"] == "mask_pii"), len(BAD_VALUES))

    def test_every_stderr_line_is_a_json_object_with_the_expected_keys(self):
        lines = self.result.stderr.splitlines()
        self.assertTrue(lines)
        for line in lines:
            entry = json.loads(line)
            self.assertIsInstance(entry, dict, line)
            self.assertEqual(set(entry), LOG_KEYS, line)
            self.assertIn(entry["level"], LEVELS, line)
            self.assertTrue(entry["component"], line)
        components = {json.loads(line)["component"] for line in lines}
        self.assertIn("host", components)
        self.assertIn("mask_pii", components)  # its rejections, logged at debug level under the step's name

    def test_no_ip_or_device_id_value_appears_in_logs_or_metrics(self):
        for value in self.pii:
            self.assertNotIn(value, self.result.stderr)
            self.assertNotIn(value, self.final.text)

    def test_rejection_reasons_name_the_field(self):
        for labels, _ in self.final.series("sluice_rows_rejected_total"):
            if labels["step"] == "mask_pii":
                self.assertTrue(labels["reason"].startswith(("field 'ip': ", "field 'device_id': ")), labels)


if __name__ == "__main__":
    unittest.main()
