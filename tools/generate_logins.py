#!/usr/bin/env python3
"""Sample user-login messages, shaped like tests/data/login_sample.json.gz.

Each message is one SQS message body: a JSON object with the string fields
user_id, app_version, device_type, ip, locale (null in about three in ten)
and device_id. About one message in a hundred is malformed (unrelated keys,
or not JSON at all), and some logins come again from a device seen before, so
that duplicate devices can be spotted after masking. The same seed always
gives the same messages.

    python3 tools/generate_logins.py --count 100 --seed 1 > logins.ndjson

prints one body per line (no body contains a newline). From Python:

    from generate_logins import generate_logins
    for message in generate_logins(1000, seed=7):
        message.body, message.valid, message.login
"""

import argparse
import json
import random
import sys
import uuid
from dataclasses import dataclass
from typing import Optional

LOGIN_FIELDS = ("user_id", "app_version", "device_type", "ip", "locale", "device_id")
DEVICE_TYPES = ("android", "ios")
LOCALES = ("ID", "CN", "RU", "FR", "PT", "PH", "BR", "KR", "PA", "VN", "DE", "KE", "PE", "MT",
           "GR", "MD", "NI", "US", "CZ", "UA", "IR", "CA", "MK", "CU", "SI", "NG", "MA", "MN",
           "MX", "PL", "BG", "TH")

DEFAULT_MALFORMED_SHARE = 0.01
DEFAULT_NULL_LOCALE_SHARE = 0.3
DEFAULT_REPEAT_DEVICE_SHARE = 0.1


@dataclass(frozen=True)
class LoginMessage:
    body: str
    valid: bool                   # a well-formed login the pipeline must load
    login: Optional[dict] = None  # the login's fields, when valid


def generate_logins(count, seed=0, malformed_share=DEFAULT_MALFORMED_SHARE,
                    null_locale_share=DEFAULT_NULL_LOCALE_SHARE,
                    repeat_device_share=DEFAULT_REPEAT_DEVICE_SHARE):
    """`count` messages; round(count * malformed_share) of them malformed, at random places."""
    rng = random.Random(seed)
    malformed_at = set(rng.sample(range(count), round(count * malformed_share)))
    devices = []  # (user_id, device_type, device_id, ip) of earlier logins
    messages = []
    for index in range(count):
        if index in malformed_at:
            messages.append(LoginMessage(_malformed_body(rng, index), valid=False))
            continue
        login = _login(rng, devices, null_locale_share, repeat_device_share)
        messages.append(LoginMessage(json.dumps(login), valid=True, login=login))
    return messages


def _login(rng, devices, null_locale_share, repeat_device_share):
    if devices and rng.random() < repeat_device_share:
        # The same person again on the same phone, often from another address.
        user_id, device_type, device_id, ip = rng.choice(devices)
        if rng.random() < 0.5:
            ip = _ip(rng)
    else:
        user_id, device_type, device_id, ip = _uuid(rng), rng.choice(DEVICE_TYPES), _device_id(rng), _ip(rng)
        devices.append((user_id, device_type, device_id, ip))
    return {
        "user_id": user_id,
        "app_version": _app_version(rng),
        "device_type": device_type,
        "ip": ip,
        "locale": None if rng.random() < null_locale_share else rng.choice(LOCALES),
        "device_id": device_id,
    }


def _malformed_body(rng, index):
    """Half the sample's kind (valid JSON, unrelated keys), half not JSON at all."""
    if rng.random() < 0.5:
        return json.dumps({"foo": "oops_wrong_msg_type", "bar": str(index)})
    if rng.random() < 0.5:
        return f'{{"user_id": "{_uuid(rng)}", "app_version": "1.'  # cut off mid-message
    return f"login user={_uuid(rng)} device={_device_id(rng)}"


def _uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _device_id(rng):
    return f"{rng.randrange(1000):03d}-{rng.randrange(100):02d}-{rng.randrange(10000):04d}"


def _ip(rng):
    return ".".join(str(rng.randrange(256)) for _ in range(4))


def _app_version(rng):
    """The sample's three shapes: "2.3.0", "0.96" / "2.00", "3.7"."""
    shape = rng.randrange(3)
    if shape == 0:
        return f"{rng.randrange(10)}.{rng.randrange(10)}.{rng.randrange(10)}"
    if shape == 1:
        return f"{rng.randrange(10)}.{rng.randrange(100):02d}"
    return f"{rng.randrange(10)}.{rng.randrange(10)}"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Print sample login message bodies, one per line.")
    parser.add_argument("--count", type=int, default=100, help="how many messages (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="the same seed gives the same messages")
    parser.add_argument("--malformed-share", type=float, default=DEFAULT_MALFORMED_SHARE,
                        help="share of malformed messages (default 0.01)")
    args = parser.parse_args(argv)
    if args.count < 0 or not 0 <= args.malformed_share <= 1:
        parser.error("--count must be >= 0 and --malformed-share within 0..1")
    out = sys.stdout
    for message in generate_logins(args.count, args.seed, args.malformed_share):
        out.write(message.body + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
