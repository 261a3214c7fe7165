"""Reading what `sluice run --metrics-addr` serves: /metrics parsed from the
Prometheus text format, /health as (status, body), and polling either until
a condition holds."""

import re
import time
import urllib.error
import urllib.request

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')
POLL_INTERVAL_S = 0.1


class Scrape:
    """One /metrics answer: samples by (name, labels) plus HELP/TYPE lines."""

    def __init__(self, text):
        self.text = text
        self.samples = {}  # (name, frozenset(labels.items())) -> value
        self.helps = {}
        self.types = {}
        for line in text.splitlines():
            if line.startswith("# HELP "):
                name, _, help_text = line[len("# HELP "):].partition(" ")
                self.helps[name] = help_text
            elif line.startswith("# TYPE "):
                name, _, kind = line[len("# TYPE "):].partition(" ")
                self.types[name] = kind
            elif line:
                match = SAMPLE.match(line)
                if not match:
                    raise AssertionError(f"not a Prometheus sample line: {line!r}")
                labels = dict(LABEL.findall(match.group(3) or ""))
                self.samples[(match.group(1), frozenset(labels.items()))] = float(match.group(4))

    def value(self, name, **labels):
        """The sample's value; 0 when it is absent (a counter not yet counted)."""
        return self.samples.get((name, frozenset(labels.items())), 0.0)

    def series(self, name):
        """[(labels dict, value)] of every sample of `name`."""
        return [(dict(labels), value) for (n, labels), value in self.samples.items() if n == name]

    def total(self, name):
        return sum(value for _, value in self.series(name))

    def family(self, sample_name):
        """The metric a sample belongs to (histograms add _bucket, _sum, _count)."""
        for suffix in ("_bucket", "_sum", "_count"):
            base = sample_name[: -len(suffix)]
            if sample_name.endswith(suffix) and self.types.get(base) == "histogram":
                return base
        return sample_name


def get(port, path, timeout=5):
    """(HTTP status, body) of GET http://127.0.0.1:PORT/PATH."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def scrape(port):
    status, body = get(port, "/metrics")
    if status != 200:
        raise AssertionError(f"/metrics answered {status}: {body}")
    return Scrape(body)


def health(port):
    return get(port, "/health")


def poll(what, check, timeout, describe=lambda: ""):
    """Calls check() until it returns something truthy, which it returns;
    connection errors count as not yet. Fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
            if last:
                return last
        except (ConnectionError, urllib.error.URLError, TimeoutError) as error:
            last = error
        time.sleep(POLL_INTERVAL_S)
    raise AssertionError(f"{what}: not within {timeout} s (last: {last!r})\n{describe()}")


def wait_for_health(port, status, timeout, describe=lambda: ""):
    """Polls /health until it answers `status`; returns the body."""
    def answered():
        code, body = health(port)
        return body if code == status else None
    return poll(f"/health answering {status}", answered, timeout, describe)
