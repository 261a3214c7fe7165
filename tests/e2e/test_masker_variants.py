"""The two variants beside pipelines/user_logins.yaml, which swap its masker:
user_logins_fpe.yaml (values recoverable with `sluice unmask`, formats kept)
and user_logins_sha256.yaml (salted SHA-256). Each loads the same table."""

import hashlib
import ipaddress
import re
import unittest
from collections import Counter

from sluice_harness import PostgresServer, SqsEmulator, run_sluice
from user_logins_support import (create_target_table, drain, generate_logins, new_mask_key, pipeline_env,
                                 pipeline_path)

MESSAGES = 200
SEED = 7
DEVICE_ID_SHAPE = re.compile(r"\d{3}-\d{2}-\d{4}")


class MaskerVariants(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pg = PostgresServer()
        cls.addClassCleanup(cls.pg.cleanup)
        cls.sqs = SqsEmulator()
        cls.addClassCleanup(cls.sqs.stop)
        cls.messages = generate_logins(MESSAGES, seed=SEED)
        cls.logins = [m.login for m in cls.messages if m.valid]

    def setUp(self):
        self.pg.psql("DROP TABLE IF EXISTS user_logins, user_logins_rejects, sluice_ledger")
        create_target_table(self.pg)
        self.key = new_mask_key()
        self.queue_url = self.sqs.create_queue(f"logins-{self._testMethodName}")
        self.sqs.send_messages(self.queue_url, [m.body for m in self.messages])

    def load(self, variant):
        env = pipeline_env(self.queue_url, self.pg, self.key)
        result = drain(pipeline_path(variant), env)
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(self.sqs.count(self.queue_url), (0, 0))
        return self.pg.psql("SELECT masked_ip, masked_device_id FROM user_logins"), env

    def unmask(self, env, field, values):
        result = run_sluice(["unmask", pipeline_path("fpe"), "--step", "mask_pii", "--field", field],
                            env=env, input="".join(v + "\n" for v in values))
        self.assertEqual(result.rc, 0, result.describe())
        return result.stdout.splitlines()

    def test_the_variants_differ_from_user_logins_yaml_in_one_word(self):
        def settings(variant):
            lines = pipeline_path(variant).read_text().splitlines()
            return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]

        base = settings("")
        for variant in ("fpe", "sha256"):
            other = settings(variant)
            self.assertEqual(len(other), len(base), variant)
            changed = [(a, b) for a, b in zip(base, other) if a != b]
            self.assertEqual(changed, [("    plugin: hmac_sha256", f"    plugin: {variant}")], variant)

    def test_all_three_pipelines_validate(self):
        env = pipeline_env(self.queue_url, self.pg, self.key)
        for variant in ("", "fpe", "sha256"):
            result = run_sluice(["validate", pipeline_path(variant)], env=env)
            self.assertEqual(result.rc, 0, f"{pipeline_path(variant)}: {result.describe()}")

    def test_fpe_keeps_formats_and_the_key_holder_recovers_every_value(self):
        rows, env = self.load("fpe")
        self.assertEqual(len(rows), len(self.logins))
        masked_ips = [row[0] for row in rows]
        masked_devices = [row[1] for row in rows]
        for ip in masked_ips:
            self.assertEqual(ipaddress.ip_address(ip).version, 4)
        for device in masked_devices:
            self.assertRegex(device, DEVICE_ID_SHAPE)
        self.assertFalse(set(masked_ips) & {login["ip"] for login in self.logins}, "an ip reached the table unmasked")

        self.assertEqual(Counter(self.unmask(env, "ip", masked_ips)), Counter(login["ip"] for login in self.logins))
        self.assertEqual(Counter(self.unmask(env, "device_id", masked_devices)),
                         Counter(login["device_id"] for login in self.logins))

    def test_sha256_masks_with_the_salt(self):
        rows, _ = self.load("sha256")

        def salted(value):
            return hashlib.sha256(bytes.fromhex(self.key) + value.encode()).hexdigest()

        self.assertEqual(Counter(rows), Counter((salted(login["ip"]), salted(login["device_id"]))
                                                for login in self.logins))


if __name__ == "__main__":
    unittest.main()
