#!/usr/bin/env python3
"""What scripts/sqs-emulator.mjs adds to local-aws-sqs: run `python3 tests/harness/test_sqs_emulator.py`."""

import os
import signal
import subprocess
import sys
import unittest
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sluice_harness import SqsEmulator  # noqa: E402
from sluice_harness.paths import source_dir  # noqa: E402

SQS_XML = "{http://queue.amazonaws.com/doc/2012-11-05/}"
LAUNCHER = str(source_dir() / "scripts" / "sqs-emulator.mjs")


class QueryProtocolTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sqs = SqsEmulator()

    @classmethod
    def tearDownClass(cls):
        cls.sqs.stop()

    def query(self, params):
        request = urllib.request.Request(self.sqs.endpoint + "/", data=urllib.parse.urlencode(params).encode())
        with urllib.request.urlopen(request, timeout=30) as answer:
            return ElementTree.fromstring(answer.read())

    def test_bodies_with_xml_special_characters_come_back_intact(self):
        url = self.sqs.create_queue("special")
        body = 'a & b < c > d "quoted" </Body> \u00e9'
        self.sqs.send_messages(url, [body])
        answer = self.query({"Action": "ReceiveMessage", "QueueUrl": url, "AttributeName.1": "All"})
        self.assertEqual(answer.find(f".//{SQS_XML}Body").text, body)

    def test_plain_json_bodies_come_back_intact(self):
        url = self.sqs.create_queue("plain")
        body = '{"user_id": "u1", "locale": null}'
        self.sqs.send_messages(url, [body])
        answer = self.query({"Action": "ReceiveMessage", "QueueUrl": url})
        self.assertEqual(answer.find(f".//{SQS_XML}Body").text, body)

    def test_json_request_without_target_is_answered_and_emulator_lives_on(self):
        request = urllib.request.Request(self.sqs.endpoint + "/", data=b"{}",
                                         headers={"Content-Type": "application/x-amz-json-1.0"})
        with self.assertRaises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(request, timeout=30)
        self.assertEqual(raised.exception.code, 400)
        self.assertTrue(self.sqs.create_queue("still-alive"))


class LauncherTest(unittest.TestCase):
    def test_bad_arguments_exit_2(self):
        done = subprocess.run(["node", LAUNCHER, "--port", "not-a-port"], capture_output=True, text=True)
        self.assertEqual(done.returncode, 2)
        self.assertIn("--port", done.stderr)

    def test_sigterm_exits_0(self):
        process = subprocess.Popen(["node", LAUNCHER, "--port", "0"], stdout=subprocess.PIPE, text=True)
        self.assertTrue(process.stdout.readline().startswith("sqs-emulator ready http://127.0.0.1:"))
        process.send_signal(signal.SIGTERM)
        self.assertEqual(process.wait(timeout=30), 0)
        process.stdout.close()


if __name__ == "__main__":
    unittest.main()
