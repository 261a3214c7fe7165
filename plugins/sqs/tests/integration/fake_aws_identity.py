"""The places temporary AWS credentials come from, on one local port:
EC2 instance metadata (IMDSv2 only), the container credentials endpoint
(ECS task roles, EKS Pod Identity) and STS (AssumeRole, signed with the
caller's keys, and AssumeRoleWithWebIdentity). Every set it issues is new
(its own key id, secret and session token) and expires `lifetime_s` after
it was issued, so a test can tell which provider a request was signed by
and whether a set was used after it expired.

    with FakeAwsIdentity(lifetime_s=20) as aws:
        env = {"AWS_EC2_METADATA_SERVICE_ENDPOINT": aws.endpoint}
        ...
        aws.issued                 # key id -> IssuedSet
        aws.failing = True         # every endpoint answers 500 from now on
"""

import datetime
import itertools
import json
import secrets
import threading
import urllib.parse
from dataclasses import dataclass

from sigv4_check import verify
from sluice_harness import LocalHttpServer, QuietHandler

IMDS_TOKEN_PATH = "/latest/api/token"
IMDS_ROLES_PATH = "/latest/meta-data/iam/security-credentials/"
CONTAINER_PATH = "/v2/credentials/task"
INSTANCE_ROLE = "sluice-instance-role"
STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"


@dataclass
class IssuedSet:
    key_id: str
    secret: str
    token: str
    expires: datetime.datetime
    via: str  # "imds", "container", "web_identity", "assume_role"


def _utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


def _aws_time(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class FakeAwsIdentity(LocalHttpServer):
    def __init__(self, lifetime_s=3600, container_token=None, web_identity_token=None, long_term_keys=None):
        self.lifetime_s = lifetime_s
        self.container_token = container_token or "container-auth-" + secrets.token_hex(8)
        self.web_identity_token = web_identity_token or "eyJ-web-identity-" + secrets.token_hex(8)
        # Keys AWS knows that no provider here issued (a source_profile's): key id -> secret.
        self.long_term_keys = dict(long_term_keys or {})
        self.issued = {}
        self.requests = []       # (what, detail) for every request answered
        self.assume_role_calls = []  # the form fields of every AssumeRole* call, with the caller's key id
        self.failing = False
        self.imds_tokens = set()  # IMDSv2 session tokens handed out
        self._serial = itertools.count(1)
        self._lock = threading.Lock()
        super().__init__(_Handler)
        self.container_uri = self.endpoint + CONTAINER_PATH

    # -- what tests read ------------------------------------------------------

    def secret_of(self, key_id):
        """The secret of a key AWS would accept, or None."""
        with self._lock:
            if key_id in self.issued:
                return self.issued[key_id].secret
            return self.long_term_keys.get(key_id)

    def find(self, key_id):
        with self._lock:
            return self.issued.get(key_id)

    def every_secret(self):
        """Every secret string handed out, for grepping logs."""
        with self._lock:
            values = [s.secret for s in self.issued.values()] + [s.token for s in self.issued.values()]
        return values + list(self.long_term_keys.values()) + [self.container_token, self.web_identity_token]

    def issue(self, via):
        serial = next(self._serial)
        issued = IssuedSet(key_id=f"ASIAFAKE{serial:012d}", secret=secrets.token_urlsafe(30),
                           token=f"FwoGZXIvYXdzE-{via}-{serial}-" + secrets.token_urlsafe(40),
                           expires=_utc_now().replace(microsecond=0) + datetime.timedelta(seconds=self.lifetime_s),
                           via=via)
        with self._lock:
            self.issued[issued.key_id] = issued
        return issued


def _credential_json(issued, **extra):
    document = {"AccessKeyId": issued.key_id, "SecretAccessKey": issued.secret, "Token": issued.token,
                "Expiration": _aws_time(issued.expires)}
    document.update(extra)
    return json.dumps(document)


def _sts_reply(action, issued):
    return (f'<{action}Response xmlns="{STS_NAMESPACE}"><{action}Result><Credentials>'
            f"<AccessKeyId>{issued.key_id}</AccessKeyId><SecretAccessKey>{issued.secret}</SecretAccessKey>"
            f"<SessionToken>{issued.token}</SessionToken><Expiration>{_aws_time(issued.expires)}</Expiration>"
            f"</Credentials></{action}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata>"
            f"</{action}Response>")


def _sts_error(code, message):
    return (f'<ErrorResponse xmlns="{STS_NAMESPACE}"><Error><Type>Sender</Type><Code>{code}</Code>'
            f"<Message>{message}</Message></Error><RequestId>fake</RequestId></ErrorResponse>")


class _Handler(QuietHandler):
    def do_PUT(self):
        self.read_body()
        if self._refuse_if_failing("imds"):
            return
        if self.path != IMDS_TOKEN_PATH or not self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
            return self._reply(400, "text/plain", "bad token request")
        token = "imds-session-" + secrets.token_hex(8)
        self.owner.imds_tokens.add(token)
        self.owner.requests.append(("imds", "token"))
        self._reply(200, "text/plain", token)

    def do_GET(self):
        if self._refuse_if_failing("get"):
            return
        if self.path.startswith(IMDS_ROLES_PATH):
            return self._imds_get()
        if self.path == CONTAINER_PATH:
            return self._container_get()
        self._reply(404, "text/plain", "not found")

    def do_POST(self):
        body = self.read_body()
        if self._refuse_if_failing("sts"):
            return
        form = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
        action = form.get("Action", "")
        if action == "AssumeRoleWithWebIdentity":
            return self._web_identity(form)
        if action == "AssumeRole":
            return self._assume_role(form, body)
        self._reply(400, "text/xml", _sts_error("InvalidAction", "unknown action"))

    # -- the three services -----------------------------------------------

    def _imds_get(self):
        # IMDSv2 only: a request without a valid session token is refused, as
        # on an instance with HttpTokens=required.
        if self.headers.get("X-aws-ec2-metadata-token") not in self.owner.imds_tokens:
            return self._reply(401, "text/plain", "")
        role = self.path[len(IMDS_ROLES_PATH):]
        if role == "":
            self.owner.requests.append(("imds", "roles"))
            return self._reply(200, "text/plain", INSTANCE_ROLE)
        if role != INSTANCE_ROLE:
            return self._reply(404, "text/plain", "")
        issued = self.owner.issue("imds")
        self.owner.requests.append(("imds", issued.key_id))
        self._reply(200, "text/plain", _credential_json(
            issued, Code="Success", Type="AWS-HMAC", LastUpdated=_aws_time(_utc_now())))

    def _container_get(self):
        if self.headers.get("Authorization") != self.owner.container_token:
            return self._reply(401, "application/json", json.dumps({"message": "unauthorized"}))
        issued = self.owner.issue("container")
        self.owner.requests.append(("container", issued.key_id))
        self._reply(200, "application/json", _credential_json(issued, RoleArn="arn:aws:iam::123456789012:role/task"))

    def _web_identity(self, form):
        if form.get("WebIdentityToken") != self.owner.web_identity_token:
            return self._reply(400, "text/xml", _sts_error("InvalidIdentityToken", "token not valid"))
        issued = self.owner.issue("web_identity")
        self.owner.assume_role_calls.append(dict(form, caller=None))
        self.owner.requests.append(("sts", issued.key_id))
        self._reply(200, "text/xml", _sts_reply("AssumeRoleWithWebIdentity", issued))

    def _assume_role(self, form, body):
        path, _, query = self.path.partition("?")
        caller, problem = verify("POST", path, query, list(self.headers.items()), body, "sts", self.owner.secret_of)
        if problem is None:
            known = self.owner.find(caller)
            if known is not None and self.headers.get("X-Amz-Security-Token") != known.token:
                problem = "session token does not belong to the key"
            elif known is not None and _utc_now() >= known.expires:
                problem = "expired"
        if problem is not None:
            return self._reply(403, "text/xml", _sts_error("SignatureDoesNotMatch", problem))
        issued = self.owner.issue("assume_role")
        self.owner.assume_role_calls.append(dict(form, caller=caller))
        self.owner.requests.append(("sts", issued.key_id))
        self._reply(200, "text/xml", _sts_reply("AssumeRole", issued))

    # -- plumbing ------------------------------------------------------------

    def _refuse_if_failing(self, what):
        if not self.owner.failing:
            return False
        self.owner.requests.append((what, "refused"))
        self._reply(500, "text/plain", "unavailable")
        return True

    def _reply(self, status, content_type, text):
        self.reply(status, {"Content-Type": content_type}, text)

