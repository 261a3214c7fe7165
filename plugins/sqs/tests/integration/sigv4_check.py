"""Checks an AWS Signature Version 4 the way AWS does, for the fake
endpoints of the credential tests: the request must be signed with the
secret of the key it names, for the service it reached.

    key_id, error = verify(method, path, query, headers, body, service, secret_of)

`secret_of(key_id)` returns the key's secret, or None for a key AWS would
not know. `headers` is a list of (name, value) pairs as received.
"""

import hashlib
import hmac
import re
import urllib.parse

AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request,"
    r"\s*SignedHeaders=(?P<signed>[^,]+),\s*Signature=(?P<signature>[0-9a-f]{64})$")


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def _canonical_query(query: str) -> str:
    pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
    quote = lambda text: urllib.parse.quote(text, safe="-_.~")  # noqa: E731
    return "&".join(f"{quote(k)}={quote(v)}" for k, v in sorted(pairs))


def _canonical_headers(headers, signed_names):
    grouped = {}
    for name, value in headers:
        grouped.setdefault(name.lower(), []).append(" ".join(value.split()))
    lines = []
    for name in signed_names:
        if name not in grouped:
            return None
        lines.append(f"{name}:{','.join(grouped[name])}\n")
    return "".join(lines)


def verify(method, path, query, headers, body: bytes, service, secret_of):
    """(key id, None) when the signature holds, else (key id or None, reason)."""
    authorization = next((value for name, value in headers if name.lower() == "authorization"), "")
    match = AUTHORIZATION.match(authorization.strip())
    if not match:
        return None, "no SigV4 Authorization header"
    key_id = match["key"]
    if match["service"] != service:
        return key_id, f"signed for service {match['service']}, not {service}"
    secret = secret_of(key_id)
    if secret is None:
        return key_id, "unknown access key id"
    amz_date = next((value for name, value in headers if name.lower() == "x-amz-date"), "")
    if not amz_date.startswith(match["date"]):
        return key_id, "X-Amz-Date does not match the credential scope"
    signed_names = match["signed"].split(";")
    canonical_headers = _canonical_headers(headers, signed_names)
    if canonical_headers is None or "host" not in signed_names:
        return key_id, "a signed header is missing"
    canonical_request = "\n".join([method, path or "/", _canonical_query(query), canonical_headers, match["signed"],
                                   hashlib.sha256(body).hexdigest()])
    scope = f"{match['date']}/{match['region']}/{service}/aws4_request"
    string_to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                                hashlib.sha256(canonical_request.encode()).hexdigest()])
    key = _hmac(("AWS4" + secret).encode(), match["date"])
    for part in (match["region"], service, "aws4_request"):
        key = _hmac(key, part)
    expected = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, match["signature"]):
        return key_id, "signature does not match"
    return key_id, None


def header(headers, wanted):
    """The first value of header `wanted` (any case), or None."""
    return next((value for name, value in headers if name.lower() == wanted.lower()), None)
