"""The masker plugins through the real `sluice` binary: published vectors
through a configured step, login records masked by each masker in a
file -> json -> masker -> file pipeline, and `sluice mask` / `sluice unmask`."""

import ipaddress
import json
import re
import tempfile
import unittest
from pathlib import Path

from sluice_harness import run_sluice, write_pipeline

KEY = "2b7e151628aed2a6abf7158809cf4f3c"
ENV = {"SLUICE_MASK_KEY": KEY, "SLUICE_MASK_SALT": "pepper"}

# Login records as the SQS source would deliver them; records 0 and 3 share
# an IP and a device id, record 4 has no device id.
LOGINS = [
    {"user_id": "u0", "ip": "199.172.111.135", "device_id": "593-47-5928", "locale": "RU"},
    {"user_id": "u1", "ip": "241.6.88.151", "device_id": "104-25-0070", "locale": None},
    {"user_id": "u2", "ip": "2001:db8::8a2e:370:7334", "device_id": "127-42-0862", "locale": "PH"},
    {"user_id": "u3", "ip": "199.172.111.135", "device_id": "593-47-5928", "locale": "FR"},
    {"user_id": "u4", "ip": "118.79.6.245", "locale": "ID"},
]

MASKER_OPTIONS = {
    "sha256": ["salt_env: SLUICE_MASK_SALT"],
    "hmac_sha256": ["key_env: SLUICE_MASK_KEY"],
    "fpe": ["key_env: SLUICE_MASK_KEY"],
}


def pipeline_text(directory, step_lines, parse_fields="{ip: string, device_id: string, locale: string}"):
    lines = [
        "version: 1",
        "name: maskers_test",
        "source:",
        "  plugin: file",
        f"  path: {directory}/in.ndjson",
        "transforms:",
        "  - name: parse",
        "    plugin: json",
        f"    fields: {parse_fields}",
        "  - name: mask_pii",
        *("    " + line for line in step_lines),
        "  - name: drop_body",  # the raw message stays only in the dead-letter file
        "    plugin: fields",
        "    drop: [body]",
        "sink:",
        "  plugin: file",
        f"  path: {directory}/out.ndjson",
        "dead_letter:",
        "  plugin: file",
        f"  path: {directory}/rejects.ndjson",
    ]
    return "\n".join(lines) + "\n"


def read_ndjson(path):
    if not Path(path).exists():
        return []
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line]


class MaskerTestCase(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory(prefix="sluice-maskers-")
        self.dir = Path(self.directory.name)

    def tearDown(self):
        self.directory.cleanup()

    def run_pipeline(self, step_lines, records, env=None, parse_fields=None):
        """Runs file -> json -> step -> file over `records`; returns (rows, rejects)."""
        (self.dir / "in.ndjson").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        for name in ("out.ndjson", "rejects.ndjson"):
            (self.dir / name).unlink(missing_ok=True)
        text = pipeline_text(self.dir, step_lines, *([parse_fields] if parse_fields else []))
        path = write_pipeline(self.dir, text)
        result = run_sluice(["run", path, "--drain"], env={**ENV, **(env or {})})
        self.assertEqual(result.rc, 0, result.describe())
        return read_ndjson(self.dir / "out.ndjson"), read_ndjson(self.dir / "rejects.ndjson")

    def step_file(self, plugin, options):
        path = write_pipeline(self.dir, pipeline_text(self.dir, [f"plugin: {plugin}", *options]))
        return path


class PublishedVectors(MaskerTestCase):
    def test_sha256_matches_fips_180(self):
        rows, _ = self.run_pipeline(["plugin: sha256", "fields: [v]"], [{"v": "abc"}], parse_fields="{v: string}")
        self.assertEqual(rows[0]["v"], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")

    def test_hmac_sha256_matches_rfc_4231(self):
        cases = [  # (key hex, data, digest): RFC 4231 test cases 1, 6 and 7
            ("0b" * 20, "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            ("aa" * 131, "Test Using Larger Than Block-Size Key - Hash Key First",
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            ("aa" * 131, "This is a test using a larger than block-size key and a larger than block-size data. "
                         "The key needs to be hashed before being used by the HMAC algorithm.",
             "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
        ]
        for key, data, digest in cases:
            with self.subTest(data=data[:20]):
                rows, _ = self.run_pipeline(["plugin: hmac_sha256", "fields: [v]", "key_env: VECTOR_KEY"],
                                            [{"v": data}], env={"VECTOR_KEY": key}, parse_fields="{v: string}")
                self.assertEqual(rows[0]["v"], digest)

    def test_fpe_reproduces_the_ff1_and_ff3_1_vectors(self):
        vectors = Path(__file__).parent.parent / "data" / "fpe_vectors.tsv"
        formats = {"10": ["format: digits"], "62": ["format: alphanumeric"],
                   "36": ["format: alphabet", "alphabet: 0123456789abcdefghijklmnopqrstuvwxyz"]}
        for line in vectors.read_text().splitlines():
            if line.startswith(("#", "mode\t")) or not line:
                continue
            mode, key, radix, tweak, plaintext, ciphertext = line.split("\t")
            with self.subTest(mode=mode, plaintext=plaintext):
                step = ["plugin: fpe", "fields: [v]", "key_env: VECTOR_KEY", f"mode: {mode}",
                        f"tweak: '{tweak}'", *formats[radix]]
                rows, rejects = self.run_pipeline(step, [{"v": plaintext}], env={"VECTOR_KEY": key},
                                                  parse_fields="{v: string}")
                self.assertEqual(rejects, [])
                self.assertEqual(rows[0]["v"], ciphertext)


class LoginPipeline(MaskerTestCase):
    def masked(self, plugin):
        rows, rejects = self.run_pipeline([f"plugin: {plugin}", "fields: {ip: masked_ip, device_id: masked_device_id}",
                                           *MASKER_OPTIONS[plugin]], LOGINS)
        self.assertEqual(rejects, [])
        self.assertEqual(len(rows), len(LOGINS))
        return rows

    def test_every_masker_replaces_ip_and_device_id(self):
        for plugin in MASKER_OPTIONS:
            with self.subTest(plugin=plugin):
                rows = self.masked(plugin)
                text = (self.dir / "out.ndjson").read_text()
                for login in LOGINS:
                    self.assertNotIn(login["ip"], text)
                    if "device_id" in login:
                        self.assertNotIn(login["device_id"], text)
                for row in rows:
                    self.assertNotIn("ip", row)
                    self.assertNotIn("device_id", row)
                self.assertEqual(rows[0]["masked_ip"], rows[3]["masked_ip"])
                self.assertEqual(rows[0]["masked_device_id"], rows[3]["masked_device_id"])
                self.assertNotEqual(rows[0]["masked_ip"], rows[1]["masked_ip"])
                self.assertIsNone(rows[4]["masked_device_id"])
                self.assertIsNone(rows[1]["locale"])

    def test_hash_maskers_write_hex_digests(self):
        for plugin in ("sha256", "hmac_sha256"):
            with self.subTest(plugin=plugin):
                for row in self.masked(plugin):
                    self.assertRegex(row["masked_ip"], r"^[0-9a-f]{64}$")

    def test_fpe_keeps_addresses_and_device_id_layout(self):
        rows = self.masked("fpe")
        for login, row in zip(LOGINS, rows):
            original = ipaddress.ip_address(login["ip"])
            self.assertEqual(ipaddress.ip_address(row["masked_ip"]).version, original.version)
            self.assertNotEqual(row["masked_ip"], login["ip"])
            if "device_id" in login:
                self.assertRegex(row["masked_device_id"], r"^\d{3}-\d{2}-\d{4}$")

    def test_a_value_the_format_cannot_take_rejects_its_row_alone(self):
        records = [{"ip": "10.0.0.1"}, {"ip": "10.0.0.300"}, {"ip": "10.0.0.2"}]
        rows, rejects = self.run_pipeline(["plugin: fpe", "fields: [ip]", "format: ipv4", "key_env: SLUICE_MASK_KEY"],
                                          records, parse_fields="{ip: string}")
        self.assertEqual(len(rows), 2)
        self.assertEqual(len(rejects), 1)
        self.assertEqual(rejects[0]["step"], "mask_pii")
        self.assertEqual(rejects[0]["reason"], "field 'ip': not a valid IPv4 address")
        # The file source's id is <path>:<line>:<hash of the line>.
        self.assertEqual(rejects[0]["message_id"].rsplit(":", 2)[1], "2")


class MaskAndUnmask(MaskerTestCase):
    def test_fpe_round_trips_through_mask_and_unmask(self):
        path = self.step_file("fpe", ["fields: {ip: masked_ip, device_id: masked_device_id}",
                                      "key_env: SLUICE_MASK_KEY", "key_id: k1"])
        ips = "".join(login["ip"] + "\n" for login in LOGINS)
        masked = run_sluice(["mask", path, "--step", "mask_pii", "--field", "ip"], env=ENV, input=ips)
        self.assertEqual(masked.rc, 0, masked.describe())
        lines = masked.stdout.splitlines()
        self.assertEqual(len(lines), len(LOGINS))
        self.assertTrue(all(line.startswith("k1:") for line in lines), lines)
        self.assertEqual(lines[0], lines[3])
        recovered = run_sluice(["unmask", path, "--step", "mask_pii", "--field", "masked_ip"], env=ENV,
                               input=masked.stdout)
        self.assertEqual(recovered.rc, 0, recovered.describe())
        self.assertEqual(recovered.stdout, ips)

    def test_mask_gives_what_the_pipeline_gives(self):
        rows, _ = self.run_pipeline(["plugin: fpe", "fields: {ip: masked_ip, device_id: masked_device_id}",
                                     "key_env: SLUICE_MASK_KEY"], LOGINS[:2])
        path = self.step_file("fpe", ["fields: {ip: masked_ip, device_id: masked_device_id}", "key_env: SLUICE_MASK_KEY"])
        masked = run_sluice(["mask", path, "--step", "mask_pii", "--field", "device_id"], env=ENV,
                            input="593-47-5928\n104-25-0070\n")
        self.assertEqual(masked.rc, 0, masked.describe())
        self.assertEqual(masked.stdout.splitlines(), [rows[0]["masked_device_id"], rows[1]["masked_device_id"]])

    def test_unmask_on_a_one_way_masker_is_a_clear_error(self):
        for plugin in ("sha256", "hmac_sha256"):
            with self.subTest(plugin=plugin):
                path = self.step_file(plugin, ["fields: [ip]", *MASKER_OPTIONS[plugin]])
                result = run_sluice(["unmask", path, "--step", "mask_pii"], env=ENV, input="abc\n")
                self.assertEqual(result.rc, 2, result.describe())
                self.assertIn("one-way", result.stderr)

    def test_unmask_reports_values_it_cannot_take_without_quoting_them(self):
        path = self.step_file("fpe", ["fields: [ip]", "format: ipv4", "key_env: SLUICE_MASK_KEY"])
        result = run_sluice(["unmask", path, "--step", "mask_pii"], env=ENV, input="not-an-address\n")
        self.assertEqual(result.rc, 1, result.describe())
        self.assertIn("not a valid IPv4 address", result.stderr)
        self.assertNotIn("not-an-address", result.stderr)


class Configuration(MaskerTestCase):
    def test_plugins_declare_their_schemas(self):
        result = run_sluice(["plugins", "--json"])
        self.assertEqual(result.rc, 0, result.describe())
        found = {p["name"]: p for p in json.loads(result.stdout)["plugins"]}
        for name, options in [("sha256", {"salt_env", "encoding", "key_id"}),
                              ("hmac_sha256", {"key_env", "key_file", "encoding", "key_id"}),
                              ("fpe", {"key_env", "mode", "format", "alphabet", "tweak", "key_id"})]:
            self.assertEqual(found[name]["kind"], "transform")
            self.assertTrue(options | {"fields"} <= set(found[name]["config_schema"]["properties"]), name)

    def test_a_missing_key_is_a_configuration_error_naming_the_variable(self):
        path = self.step_file("hmac_sha256", ["fields: [ip]", "key_env: SLUICE_UNSET_TEST_KEY"])
        result = run_sluice(["run", path, "--drain"], env={"SLUICE_UNSET_TEST_KEY": None})
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn("SLUICE_UNSET_TEST_KEY", result.stderr)

    def test_a_malformed_key_is_refused_without_being_quoted(self):
        bad_key = "0123456789abcdef0123456789abcdeZ"
        path = self.step_file("fpe", ["fields: [ip]", "key_env: SLUICE_MASK_KEY"])
        (self.dir / "in.ndjson").write_text("")
        result = run_sluice(["run", path, "--drain"], env={"SLUICE_MASK_KEY": bad_key})
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn("hex", result.stderr)
        self.assertNotIn(bad_key[:16], result.stderr + result.stdout)


if __name__ == "__main__":
    unittest.main()
