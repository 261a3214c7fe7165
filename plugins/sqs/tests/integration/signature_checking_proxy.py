"""Stands in front of the SQS emulator (which checks no signature) and
checks every request the way SQS would: signed with a key `secret_of`
knows, with that key's session token, before the key expired. A request
that passes is forwarded; one that does not gets the 403 SQS sends and is
recorded, so a test can assert that none failed.

    with SignatureCheckingProxy(emulator_endpoint, aws.secret_of, aws.find) as proxy:
        ... point the source's `endpoint:` at proxy.endpoint ...
        proxy.signed_by    # key id -> number of requests it signed
        proxy.refused      # [(key id, reason)]
"""

import collections
import datetime
import http.client
import json
import threading
import urllib.parse

from sigv4_check import header, verify
from sluice_harness import LocalHttpServer, QuietHandler

JSON_CONTENT_TYPE = "application/x-amz-json-1.0"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class SignatureCheckingProxy(LocalHttpServer):
    def __init__(self, upstream, secret_of, find_issued):
        self.signed_by = collections.Counter()
        self.refused = []
        self._upstream = urllib.parse.urlsplit(upstream)
        self._secret_of = secret_of
        self._find_issued = find_issued
        self._lock = threading.Lock()
        super().__init__(_Handler)

    def check(self, method, path, query, headers, body):
        """None when SQS would accept the request, else the reason it would not."""
        key_id, problem = verify(method, path, query, headers, body, "sqs", self._secret_of)
        issued = self._find_issued(key_id) if key_id else None
        if problem is None and issued is not None:
            if header(headers, "X-Amz-Security-Token") != issued.token:
                problem = "the session token does not belong to the key"
            elif datetime.datetime.now(datetime.timezone.utc) >= issued.expires:
                problem = "ExpiredToken"
        with self._lock:
            if problem is None:
                self.signed_by[key_id] += 1
            else:
                self.refused.append((key_id, problem))
        return problem

    def forward(self, method, path, headers, body):
        connection = http.client.HTTPConnection(self._upstream.hostname, self._upstream.port, timeout=60)
        try:
            forwarded = {name: value for name, value in headers if name.lower() not in HOP_BY_HOP}
            connection.request(method, path, body=body, headers=forwarded)
            response = connection.getresponse()
            return response.status, response.getheader("Content-Type", "text/plain"), response.read()
        finally:
            connection.close()


def _refusal(headers, problem):
    code = "ExpiredToken" if problem == "ExpiredToken" else "SignatureDoesNotMatch"
    if header(headers, "Content-Type") == JSON_CONTENT_TYPE:
        return JSON_CONTENT_TYPE, json.dumps({"__type": f"com.amazon.coral.service#{code}", "message": problem})
    return "text/xml", ('<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type>'
                        f"<Code>{code}</Code><Message>{problem}</Message></Error>"
                        "<RequestId>proxy</RequestId></ErrorResponse>")


class _Handler(QuietHandler):
    def do_POST(self):
        self._handle()

    def do_GET(self):
        self._handle()

    def _handle(self):
        body = self.read_body()
        headers = list(self.headers.items())
        path, _, query = self.path.partition("?")
        problem = self.owner.check(self.command, path, query, headers, body)
        if problem is not None:
            content_type, text = _refusal(headers, problem)
            return self.reply(403, {"Content-Type": content_type}, text)
        status, content_type, data = self.owner.forward(self.command, self.path, headers, body)
        self.reply(status, {"Content-Type": content_type}, data)
