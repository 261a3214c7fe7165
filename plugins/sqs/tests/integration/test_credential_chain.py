"""The sqs source finds its AWS credentials the way the AWS SDKs do, with no
static keys anywhere: EC2 instance metadata (IMDSv2), container
credentials, web identity (IRSA), AssumeRole from a profile with
source_profile, credential_process and the step's role_arn. Fake IMDS,
container and STS endpoints issue fresh temporary credentials; a proxy in
front of the SQS emulator checks that every request is signed with a set
that was issued and had not expired, with its session token. The real
`sluice` binary drains the login sample through each of them."""

import gzip
import json
import os
import socket
import stat
import sys
import tempfile
import textwrap
import threading
import time
import unittest
import urllib.request
import uuid
from pathlib import Path

from sluice_harness import SqsEmulator, free_port, run_sluice, start_sluice, write_pipeline
from sluice_harness.paths import source_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fake_aws_identity import FakeAwsIdentity  # noqa: E402
from signature_checking_proxy import SignatureCheckingProxy  # noqa: E402

SAMPLE = source_dir().parent / "shared" / "testdata" / "login_sample.json.gz"
if not SAMPLE.exists():
    SAMPLE = source_dir() / "tools" / "tests" / "data" / "login_sample.json.gz"
ROLE_ARN = "arn:aws:iam::123456789012:role/sluice-reader"
SOURCE_KEY_ID = "AKIAFAKESOURCEPROFILE"
SOURCE_SECRET = "source-profile-secret-" + uuid.uuid4().hex

# Every variable the chain reads, removed: each test sets only what it tests.
CLEAN_ENVIRONMENT = {name: None for name in (
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
    "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_STS", "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_DISABLED")}


def login_sample():
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as f:
        return [json.dumps(record) for record in json.load(f)]


def read_ndjson(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class Blackhole:
    """A port that accepts connections and never answers: IMDS on a machine
    whose metadata service is firewalled away. Counts the connections made,
    so a test can see how often a client tried."""

    def __init__(self):
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)
        self.endpoint = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._lock = threading.Lock()
        self._held = []
        self._connections = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return  # closed
            with self._lock:
                self._connections += 1
                self._held.append(connection)  # open and silent until close()

    @property
    def connections(self):
        with self._lock:
            return self._connections

    def close(self):
        self._socket.close()
        with self._lock:
            for connection in self._held:
                connection.close()
            self._held.clear()


class CredentialChainTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sqs = SqsEmulator()
        cls.blackhole = Blackhole()

    @classmethod
    def tearDownClass(cls):
        cls.blackhole.close()
        cls.sqs.stop()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = Path(self.tmp.name)
        self.queue_url = self.sqs.create_queue(f"q-{uuid.uuid4().hex[:12]}")
        self.aws = FakeAwsIdentity(long_term_keys={SOURCE_KEY_ID: SOURCE_SECRET})
        self.addCleanup(self.aws.stop)
        self.proxy = SignatureCheckingProxy(self.sqs.endpoint, self.aws.secret_of, self.aws.find)
        self.addCleanup(self.proxy.stop)
        self.out = self.dir / "out.ndjson"

    # -- helpers ---------------------------------------------------------

    def environment(self, **variables):
        """No keys anywhere: no variables, empty HOME, no shared files; IMDS
        never answers unless a test points it at the fake."""
        env = dict(CLEAN_ENVIRONMENT)
        env.update({"HOME": str(self.dir), "AWS_REGION": "us-east-1",
                    "AWS_CONFIG_FILE": str(self.dir / "aws-config"),
                    "AWS_SHARED_CREDENTIALS_FILE": str(self.dir / "aws-credentials"),
                    "AWS_EC2_METADATA_SERVICE_ENDPOINT": self.blackhole.endpoint,
                    "AWS_ENDPOINT_URL_STS": self.aws.endpoint})
        env.update(variables)
        return env

    def pipeline(self, **source_options):
        source = {"plugin": "sqs", "queue_url": self.queue_url, "endpoint": self.proxy.endpoint,
                  "wait_time_seconds": 1}
        source.update(source_options)
        sink = {"plugin": "file", "path": str(self.out)}
        text = f"version: 1\nname: credentials\nsource: {json.dumps(source)}\ntransforms: []\nsink: {json.dumps(sink)}\n"
        return write_pipeline(self.dir, text)

    def secret_file(self, name, text):
        path = self.dir / name
        path.write_text(text)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
        return path

    def drain_sample(self, env, **source_options):
        """Drains the login sample; returns sluice's result after checking
        everything arrived, left the queue, and was signed by issued sets."""
        bodies = login_sample()
        self.sqs.send_messages(self.queue_url, bodies)
        result = run_sluice(["run", self.pipeline(**source_options), "--drain"], env=env, timeout=180)
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(sorted(row["body"] for row in read_ndjson(self.out)), sorted(bodies), result.describe())
        self.assertEqual(self.sqs.count(self.queue_url), (0, 0))
        self.assertEqual(self.proxy.refused, [], result.describe())
        self.assert_no_secret_in(result.stdout + result.stderr)
        return result

    def vias_that_signed(self):
        """How the sets that signed SQS requests were issued."""
        vias = set()
        for key_id in self.proxy.signed_by:
            issued = self.aws.find(key_id)
            vias.add(issued.via if issued else key_id)
        return vias

    def assert_no_secret_in(self, text):
        for secret in self.aws.every_secret():
            self.assertNotIn(secret, text)

    # -- each provider -----------------------------------------------------

    def test_ec2_instance_metadata_imdsv2(self):
        result = self.drain_sample(self.environment(AWS_EC2_METADATA_SERVICE_ENDPOINT=self.aws.endpoint))
        self.assertEqual(self.vias_that_signed(), {"imds"})
        self.assertIn(("imds", "token"), self.aws.requests)
        self.assertIn("AWS credentials from EC2 instance metadata", result.stderr)

    def test_container_credentials_with_a_token_file(self):
        token_file = self.secret_file("container-token", self.aws.container_token + "\n")
        result = self.drain_sample(self.environment(AWS_CONTAINER_CREDENTIALS_FULL_URI=self.aws.container_uri,
                                                    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=str(token_file)))
        self.assertEqual(self.vias_that_signed(), {"container"})
        self.assertIn("AWS credentials from the container credentials endpoint", result.stderr)

    def test_web_identity_irsa(self):
        token_file = self.secret_file("web-identity-token", self.aws.web_identity_token)
        result = self.drain_sample(self.environment(AWS_WEB_IDENTITY_TOKEN_FILE=str(token_file), AWS_ROLE_ARN=ROLE_ARN,
                                                    AWS_ROLE_SESSION_NAME="irsa-test"))
        self.assertEqual(self.vias_that_signed(), {"web_identity"})
        call = self.aws.assume_role_calls[0]
        self.assertEqual((call["Action"], call["RoleArn"], call["RoleSessionName"]),
                         ("AssumeRoleWithWebIdentity", ROLE_ARN, "irsa-test"))
        self.assertIn("AWS credentials from web identity", result.stderr)

    def test_assume_role_from_a_profile_with_source_profile(self):
        self.secret_file("aws-credentials", textwrap.dedent(f"""\
            [base]
            aws_access_key_id = {SOURCE_KEY_ID}
            aws_secret_access_key = {SOURCE_SECRET}
            """))
        self.secret_file("aws-config", textwrap.dedent(f"""\
            [profile reader]
            role_arn = {ROLE_ARN}
            source_profile = base
            external_id = sluice-external
            role_session_name = profile-test
            duration_seconds = 900
            """))
        result = self.drain_sample(self.environment(AWS_PROFILE="reader"))
        self.assertEqual(self.vias_that_signed(), {"assume_role"})
        call = self.aws.assume_role_calls[0]
        self.assertEqual((call["caller"], call["RoleArn"], call["ExternalId"], call["RoleSessionName"],
                          call["DurationSeconds"]), (SOURCE_KEY_ID, ROLE_ARN, "sluice-external", "profile-test", "900"))
        self.assertIn("AWS credentials from", result.stderr)
        self.assertIn("reader", result.stderr)

    def test_credential_process(self):
        issued = self.aws.issue("process")
        script = self.dir / "issue-credentials.py"
        script.write_text("import json\nprint(json.dumps(" + json.dumps({
            "Version": 1, "AccessKeyId": issued.key_id, "SecretAccessKey": issued.secret,
            "SessionToken": issued.token, "Expiration": issued.expires.strftime("%Y-%m-%dT%H:%M:%SZ")}) + "))\n")
        self.secret_file("aws-config", f"[default]\ncredential_process = {sys.executable} {script}\n")
        result = self.drain_sample(self.environment())
        self.assertEqual(self.vias_that_signed(), {"process"})
        self.assertIn("AWS credentials from credential_process of profile default", result.stderr)

    def test_the_steps_role_arn_is_assumed_with_what_the_chain_found(self):
        self.drain_sample(self.environment(AWS_EC2_METADATA_SERVICE_ENDPOINT=self.aws.endpoint),
                          role_arn=ROLE_ARN, external_id="step-external", role_session_name="step-session")
        self.assertEqual(self.vias_that_signed(), {"assume_role"})
        call = self.aws.assume_role_calls[0]
        self.assertEqual(self.aws.find(call["caller"]).via, "imds")
        self.assertEqual((call["RoleArn"], call["ExternalId"], call["RoleSessionName"]),
                         (ROLE_ARN, "step-external", "step-session"))

    # -- nothing found -----------------------------------------------------

    def test_with_nothing_configured_the_error_lists_where_it_looked_quickly(self):
        self.sqs.send_messages(self.queue_url, login_sample()[:10])
        # IMDS accepts connections and never answers: the slowest way to be
        # absent. Quick means bounded: the token request is tried at most
        # twice (one retry), each with its own timeout, and nothing after it.
        contacts_before = self.blackhole.connections
        result = run_sluice(["--log-level", "debug", "run", self.pipeline(), "--drain"], env=self.environment(),
                            timeout=60)
        contacts = self.blackhole.connections - contacts_before
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn("no AWS credentials found; looked in:", result.stderr)
        for place in ("AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE", "profile default",
                      "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                      f"EC2 instance metadata ({self.blackhole.endpoint}): PUT /latest/api/token"):
            self.assertIn(place, result.stderr)
        self.assertIn("timed out", result.stderr)
        self.assertGreaterEqual(contacts, 1, result.describe())
        self.assertLessEqual(contacts, 2, result.describe())
        self.assertEqual(self.sqs.count(self.queue_url), (10, 0))
        self.assertEqual(self.proxy.signed_by, {})

    def test_validate_connect_names_the_provider_that_answered(self):
        result = run_sluice(["validate", self.pipeline(), "--connect"],
                            env=self.environment(AWS_EC2_METADATA_SERVICE_ENDPOINT=self.aws.endpoint), timeout=60)
        self.assertEqual(result.rc, 0, result.describe())
        self.assertIn("AWS credentials from EC2 instance metadata", result.stdout + result.stderr)
        self.assert_no_secret_in(result.stdout + result.stderr)

    # -- refresh -------------------------------------------------------------

    def test_credentials_expiring_every_20_s_keep_a_45_s_run_consuming(self):
        self.aws.lifetime_s = 20
        metrics_port = free_port()
        sent = []
        stop_feeding = threading.Event()

        def feed():
            for i in range(100_000):
                if stop_feeding.wait(0.5):
                    return
                sent.extend(self.sqs.send_messages(self.queue_url, [json.dumps({"user_id": f"u{i}", "n": i})]))

        env = self.environment(AWS_EC2_METADATA_SERVICE_ENDPOINT=self.aws.endpoint)
        feeder = threading.Thread(target=feed, daemon=True)
        with start_sluice(["run", self.pipeline(), "--metrics-addr", f"127.0.0.1:{metrics_port}"], env=env) as sluice:
            sluice.wait_for_output("AWS credentials from")
            feeder.start()
            time.sleep(45)
            stop_feeding.set()
            feeder.join()
            metrics = urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10).read().decode()
            deadline = time.monotonic() + 30
            while len(read_ndjson(self.out)) < len(sent) and time.monotonic() < deadline:
                time.sleep(0.2)
            sluice.send_signal()
            result = sluice.wait()
        self.assertEqual(result.rc, 0, result.describe())
        self.assertGreater(len(sent), 50)
        self.assertEqual(sorted({row["message_id"] for row in read_ndjson(self.out)}), sorted(sent))
        self.assertEqual(self.proxy.refused, [], result.describe())
        self.assertEqual(self.vias_that_signed(), {"imds"})
        # Issued at 0 s, then refreshed at half their remaining life: at least
        # four sets signed requests in 45 s.
        self.assertGreaterEqual(len(self.proxy.signed_by), 4, result.describe())
        self.assertIn("refreshed the AWS credentials from EC2 instance metadata", result.stderr)
        self.assertNotIn("could not", result.stderr)
        self.assert_no_secret_in(result.stdout + result.stderr + metrics)
        self.assertIn("credential_refreshes", metrics)

    def test_an_expired_set_with_no_replacement_stops_the_pipeline_naming_the_provider(self):
        self.aws.lifetime_s = 6
        env = self.environment(AWS_EC2_METADATA_SERVICE_ENDPOINT=self.aws.endpoint)
        with start_sluice(["run", self.pipeline()], env=env) as sluice:
            sluice.wait_for_output("AWS credentials from")
            self.aws.failing = True
            result = sluice.wait(timeout=60)
        self.assertEqual(result.rc, 1, result.describe())
        self.assertIn("could not be refreshed", result.stderr)
        self.assertIn("EC2 instance metadata", result.stderr)
        self.assertEqual(self.proxy.refused, [], result.describe())
        self.assert_no_secret_in(result.stdout + result.stderr)


if __name__ == "__main__":
    unittest.main()
