"""deploy/grafana/sluice.json against what Sluice really exports (issue 15):
every metric a query of the dashboard names is in a scrape of a running
pipeline, so no panel is empty for want of a metric that does not exist. The
pipeline reads a FIFO held open (it never ends), parses JSON lines, rejects a
malformed one to a dead-letter file: every host metric, the latency histogram
and a plugin counter have been counted by the time it is scraped."""

import json
import os
import re
import tempfile
import unittest
from pathlib import Path

from scrape import poll, scrape, wait_for_health
from sluice_harness import free_port, start_sluice, write_pipeline

REPO = Path(os.environ.get("SLUICE_SOURCE_DIR", Path(__file__).resolve().parents[2]))
DASHBOARD = REPO / "deploy" / "grafana" / "sluice.json"
DEADLINE_S = 60
# Recorded by Prometheus itself for every target it scrapes, never exported.
PROMETHEUS_OWN = {"up"}
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
                "offset", "bool", "inf", "nan"}
# The topics the issue asks the dashboard to show, as words its panel titles use.
TOPICS = ("Rows per second", "Rejected rows by step and reason", "Batch latency", "Rows in flight", "Scraped",
          "Stalled", "Queue backlog")


def queries(dashboard):
    """Every PromQL expression: panel targets and template variable queries."""
    found = []

    def walk(panels):
        for panel in panels:
            found.extend(t["expr"] for t in panel.get("targets", []) if t.get("expr"))
            walk(panel.get("panels", []))

    walk(dashboard["panels"])
    for variable in dashboard["templating"]["list"]:
        query = variable.get("query")
        text = query.get("query") if isinstance(query, dict) else None
        if text and variable["type"] == "query":
            found.append(re.sub(r"^label_values\((.*),\s*\w+\)$", r"\1", text))
    return found


def metric_names(expr):
    """(names used as metric identifiers, regexes given as __name__=~"...")."""
    name_regexes = re.findall(r'__name__\s*=~\s*"([^"]*)"', expr)
    text = re.sub(r"\$\{?\w+\}?", "", expr)                  # Grafana variables
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)           # strings
    text = re.sub(r"\{[^}]*\}", "", text)                     # label matchers
    text = re.sub(r"\[[^\]]*\]", "", text)                    # ranges
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", text)
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", text):
        word = match.group(0)
        followed_by_call = text[match.end():].lstrip().startswith("(")
        if followed_by_call or word.lower() in PROMQL_WORDS:
            continue
        names.add(word)
    return names, name_regexes


class GrafanaDashboard(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dashboard = json.loads(DASHBOARD.read_text())
        tmp = tempfile.TemporaryDirectory()
        cls.addClassCleanup(tmp.cleanup)
        fifo = os.path.join(tmp.name, "input.fifo")
        os.mkfifo(fifo)
        writer = os.open(fifo, os.O_RDWR)  # held open: the source never sees end of input
        cls.addClassCleanup(os.close, writer)
        pipeline = write_pipeline(tmp.name, f"""\
            version: 1
            name: dashboard
            source: {{plugin: file, path: {fifo}}}
            transforms:
              - {{name: parse, plugin: json, fields: {{user_id: string}}, required: [user_id]}}
            sink: {{plugin: file, path: {os.path.join(tmp.name, "out.ndjson")}}}
            dead_letter: {{plugin: file, path: {os.path.join(tmp.name, "rejects.ndjson")}}}
            """)
        port = free_port()
        sluice = start_sluice(["--metrics-addr", f"127.0.0.1:{port}", "run", pipeline])
        cls.addClassCleanup(sluice.__exit__, None, None, None)
        describe = lambda: "\n".join(sluice.output())  # noqa: E731
        wait_for_health(port, 200, DEADLINE_S, describe)
        os.write(writer, b'{"user_id": "u1"}\nnot json\n{"user_id": "u2"}\n')

        def settled():
            s = scrape(port)
            counted = (s.value("sluice_rows_committed_total") >= 2 and s.value("sluice_rows_dead_lettered_total") >= 1
                       and s.value("sluice_batch_latency_seconds_count") >= 1)
            return s if counted else None

        cls.scrape = poll("every row committed or dead-lettered", settled, DEADLINE_S, describe)

    def exported(self):
        names = {name for name, _ in self.scrape.samples}
        return names | set(self.scrape.types)

    def test_every_metric_a_query_names_is_exported(self):
        exported = self.exported()
        all_queries = queries(self.dashboard)
        self.assertGreaterEqual(len(all_queries), 10)
        used = set()
        for expr in all_queries:
            names, regexes = metric_names(expr)
            used |= names
            for name in names - PROMETHEUS_OWN:
                self.assertIn(name, exported, f"the dashboard queries {name!r}, which Sluice does not export:\n"
                                              f"  {expr}\nexported: {sorted(exported)}")
            for pattern in regexes:
                matching = [n for n in exported if re.fullmatch(pattern, n)]
                self.assertTrue(matching, f"__name__=~{pattern!r} matches nothing exported:\n  {expr}")
        # The check above is only worth something if it saw the metrics.
        for name in ("sluice_rows_received_total", "sluice_rows_rejected_total", "sluice_in_flight_rows",
                     "sluice_batch_latency_seconds_bucket"):
            self.assertIn(name, used)

    def test_the_extractor_finds_metrics_and_skips_functions_labels_and_variables(self):
        names, regexes = metric_names(
            'histogram_quantile(0.9, sum by (le) (rate(sluice_batch_latency_seconds_bucket{job=~"$job"}'
            '[$__rate_interval]))) / on (instance) group_left up or vector(0)')
        self.assertEqual(names, {"sluice_batch_latency_seconds_bucket", "up"})
        self.assertEqual(metric_names('rate({__name__=~"sluice_plugin_.+_total"}[5m])')[1],
                         ["sluice_plugin_.+_total"])

    def test_the_issue_topics_each_have_a_panel(self):
        titles = []

        def walk(panels):
            for panel in panels:
                titles.append(panel.get("title", ""))
                walk(panel.get("panels", []))

        walk(self.dashboard["panels"])
        for topic in TOPICS:
            self.assertTrue(any(topic in t for t in titles), f"no panel about {topic!r}: {titles}")

    def test_every_panel_uses_the_datasource_variable(self):
        variables = {v["name"] for v in self.dashboard["templating"]["list"]}
        self.assertIn("datasource", variables)
        for panel in self.dashboard["panels"]:
            if panel["type"] == "row":
                continue
            self.assertEqual(panel["datasource"]["uid"], "${datasource}", panel["title"])
            self.assertTrue(panel["targets"], panel["title"])


if __name__ == "__main__":
    unittest.main()
