"""One default per option (issue 13): each in-tree plugin behaves as its JSON
Schema says when an option is left out.

The host fills every schema `default` into a step's configuration before
`create`, so a plugin never restates one. This test walks every plugin that
`sluice plugins --json` lists from the build's own plugin directory (the
libraries built from plugins/) and, for each, runs a small pipeline twice:
once with only the options the plugin requires, once with every default the
schema shows written out. What a user can see must be the same: exit code,
the rows that arrived, the rows dead-lettered, warnings, and what the plugin
left in PostgreSQL or SQS. A plugin without a fixture here fails the test, so
a new in-tree plugin cannot slip past it.

Some defaults cannot show in any output (batch sizes, concurrency, retries,
fsync): for those the runs prove the default is a value the plugin accepts
and that writing it out changes nothing a user sees. The inputs are chosen so
that the defaults that can show do (fpe's format and mode, the hash
encoding, json's source column, the file source's line limit, the postgres
sink's exactly_once: no ledger table appears).
"""

import copy
import json
import re
import tempfile
import unittest
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from sluice_harness import PostgresServer, SqsEmulator, run_sluice, write_pipeline
from sluice_harness.paths import source_dir
from sluice_harness.sluice import sluice_binary

MASK_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
LOGIN_FIELDS = ("user_id", "app_version", "device_type", "ip", "locale", "device_id")
# Login messages with the edge cases the defaults decide: IPv4 and IPv6
# addresses and a device id with separators (fpe's `format: auto`), too few
# digits to encrypt, a null locale, non-ASCII text, an empty value, and
# messages that are not logins (rejected by the json step).
LOGINS = [
    {"user_id": "u-1", "app_version": "2.3.0", "device_type": "android", "ip": "199.172.111.135",
     "locale": "RU", "device_id": "593-47-5928"},
    {"user_id": "u-2", "app_version": "0.96", "device_type": "ios", "ip": "2001:db8::1",
     "locale": None, "device_id": "4111 1111 1111 1111"},
    {"user_id": "ü-3", "app_version": "7.31", "device_type": "web", "ip": "10.0.0.1",
     "locale": "de-CH", "device_id": "a1b2"},
    {"user_id": "u-4", "app_version": "2.00", "device_type": "android", "ip": "",
     "locale": "en", "device_id": "000000123456"},
]
LOGIN_LINES = [json.dumps(login, ensure_ascii=False) for login in LOGINS] + [
    json.dumps({"foo": "oops_wrong_msg_type", "bar": "123"}), "not json", ""]
# The file source's defaults show only past their bounds: more lines than
# one batch (batch_size) and one line longer than max_line_bytes.
MANY_LINES = LOGIN_LINES + [json.dumps({"n": n}) for n in range(1500)] + ["x" * (1024 * 1024 + 1)]
PARSE_LOGINS = {"name": "parse", "plugin": "json", "fields": {name: "string" for name in LOGIN_FIELDS},
                "required": ["user_id"]}
LOG_LINE = re.compile(r"^\S+ (warn|error) (.*)$")
# A README options table's default cell that states a value: `hex`, `20`, false,
# `1048576` (1 MiB). Prose ("the queue's", "none") and patterns (`sluice-<time>`) are not values.
README_VALUE = re.compile(r"^(?:`([^`<>]+)`|(-?\d+|true|false))(?:\s*\([^)]*\))?$")
# Defaults a README documents that the schema does not state yet (issue 13 reports them);
# each entry goes once its plugin's schema carries the default.
KNOWN_UNSTATED_DEFAULTS = {("std", "required"): "json's required: `[]` in the README, no default in its schema"}


@dataclass
class Fixture:
    """How to exercise one plugin: the options it cannot do without, the
    pipeline around it and its input, and what it leaves outside the file sink."""
    role: str  # "source", "transform" or "sink"
    options: dict
    before: list = field(default_factory=list)  # transforms ahead of the plugin
    lines: list = field(default_factory=lambda: LOGIN_LINES)
    env: dict = field(default_factory=dict)
    prepare: Optional[Callable[[], None]] = None  # before each run
    observe: Optional[Callable[[], object]] = None  # after each run: what else a user sees
    stable_row: Callable[[dict], dict] = lambda row: row  # drops what differs by nature between runs
    ordered: bool = True  # False when the plugin may deliver rows in any order


def defaults_in(schema, path=""):
    """(path, default) of every `default` anywhere in a schema, as a user reading it sees them."""
    if not isinstance(schema, dict):
        return
    if "default" in schema:
        yield path, schema["default"]
    for name, sub in (schema.get("properties") or {}).items():
        yield from defaults_in(sub, f"{path}.{name}" if path else name)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            yield from defaults_in(schema[key], f"{path}[{key}]")
    for key in ("oneOf", "anyOf", "allOf"):
        for index, alternative in enumerate(schema.get(key) or []):
            yield from defaults_in(alternative, f"{path}[{key} {index}]")


def with_defaults(config, schema, path="", filled=None):
    """config with each missing property's default added at every level the
    configuration reaches (what the host's fill_schema_defaults does), and
    the paths of the defaults it wrote into `filled`."""
    if not isinstance(schema, dict):
        return config
    if isinstance(config, list) and isinstance(schema.get("items"), dict):
        return [with_defaults(item, schema["items"], f"{path}[items]", filled) for item in config]
    if not isinstance(config, dict):
        return config
    config = dict(config)
    for name, sub in (schema.get("properties") or {}).items():
        sub_path = f"{path}.{name}" if path else name
        if name not in config and isinstance(sub, dict) and "default" in sub:
            config[name] = copy.deepcopy(sub["default"])
            if filled is not None:
                filled.add(sub_path)
        if name in config:
            config[name] = with_defaults(config[name], sub, sub_path, filled)
    return config


def readme_defaults(readme: Path):
    """(option, value text) for each option an options table of the README
    gives a default value for (tables with an "option" and a "default" column)."""
    header = None
    for line in readme.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if header is None:
            header = [cell.lower() for cell in cells]
        elif {"option", "default"} <= set(header) and len(cells) == len(header):
            value = README_VALUE.match(cells[header.index("default")])
            if value:
                for option in re.findall(r"`([^`]+)`", cells[header.index("option")]):
                    yield option, value[1] or value[2]


def shown_default_text(default) -> str:
    """A schema default as a README writes it: strings bare, the rest as JSON."""
    return default if isinstance(default, str) else json.dumps(default)


def step_yaml(step: dict) -> str:
    return json.dumps(step, ensure_ascii=False)  # JSON is YAML, and needs no quoting rules of its own


class SchemaDefaultsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="sluice-defaults-")
        cls.dir = Path(cls._tmp.name)
        cls.plugins = cls.in_tree_plugins()
        cls.pg = PostgresServer()
        cls.sqs = SqsEmulator()
        cls.queue_url = cls.sqs.create_queue("defaults-logins")
        cls.fixtures = cls.make_fixtures()

    @classmethod
    def tearDownClass(cls):
        cls.sqs.stop()
        cls.pg.cleanup()
        cls._tmp.cleanup()

    @classmethod
    def in_tree_plugins(cls):
        """Every plugin of the build's own plugin directory, which holds the
        libraries built from plugins/ and nothing else (test plugins live apart)."""
        result = run_sluice(["plugins", "--json"], env={"SLUICE_PLUGIN_PATH": None, "SLUICE_PLUGIN_DIR": None})
        if result.rc != 0:
            raise AssertionError("sluice plugins --json failed\n" + result.describe())
        listing = json.loads(result.stdout)
        if listing["refused"]:
            raise AssertionError(f"in-tree libraries refused: {listing['refused']}")
        built_in = (sluice_binary().resolve().parent.parent / "lib" / "sluice").resolve()
        plugins = [plugin for plugin in listing["plugins"] if Path(plugin["library"]).resolve().parent == built_in]
        libraries = {Path(plugin["library"]).stem for plugin in plugins}
        folders = {f"sluice_{folder.name}" for folder in (source_dir() / "plugins").iterdir()
                   if (folder / "CMakeLists.txt").exists()}
        if libraries != folders:
            raise AssertionError(f"libraries in {built_in} {sorted(libraries)} are not the plugins/ folders "
                                 f"{sorted(folders)}: build them all")
        return {(plugin["name"], plugin["kind"]): plugin for plugin in plugins}

    @classmethod
    def make_fixtures(cls):
        masked = ["ip", "device_id"]
        return {
            ("file", "source"): Fixture("source", {"path": str(cls.dir / "input.txt")}, lines=MANY_LINES),
            ("file", "sink"): Fixture("sink", {"path": str(cls.dir / "out.ndjson")}),
            ("json", "transform"): Fixture("transform", {"fields": PARSE_LOGINS["fields"]}),
            ("fields", "transform"): Fixture("transform", {}, before=[PARSE_LOGINS]),
            ("sha256", "transform"): Fixture("transform", {"fields": masked}, before=[PARSE_LOGINS]),
            ("hmac_sha256", "transform"): Fixture("transform", {"fields": masked, "key_env": "DEFAULTS_MASK_KEY"},
                                                  before=[PARSE_LOGINS], env={"DEFAULTS_MASK_KEY": MASK_KEY}),
            ("fpe", "transform"): Fixture("transform", {"fields": masked, "key_env": "DEFAULTS_MASK_KEY"},
                                          before=[PARSE_LOGINS], env={"DEFAULTS_MASK_KEY": MASK_KEY}),
            # No dsn: libpq's PG* variables say where the server is, as the option's documented empty default does.
            ("postgres", "sink"): Fixture("sink", {"table": "logins"}, before=[PARSE_LOGINS],
                                          env={"PGHOST": cls.pg.host, "PGPORT": cls.pg.port, "PGUSER": "postgres",
                                               "PGDATABASE": "postgres"},
                                          prepare=cls.empty_logins_table, observe=cls.postgres_contents),
            ("sqs", "source"): Fixture(
                "source", {"queue_url": cls.queue_url},
                env={"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "not-checked",
                     "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": None, "AWS_ENDPOINT_URL_SQS": None,
                     "AWS_PROFILE": None},
                prepare=cls.fill_queue, observe=cls.queue_counts,
                # Each run sends new messages: SQS gives them new ids and send times.
                stable_row=lambda row: {k: v for k, v in row.items() if k not in ("message_id", "sent_timestamp")},
                ordered=False),
        }

    # -- what the postgres and sqs fixtures set up and look at ----------

    @classmethod
    def empty_logins_table(cls):
        columns = ", ".join(f"{name} text" for name in LOGIN_FIELDS)
        cls.pg.psql(f"DROP TABLE IF EXISTS logins; CREATE TABLE logins({columns})")

    @classmethod
    def postgres_contents(cls):
        """The table's rows, and every table there is (a ledger appears only with exactly_once)."""
        return {"rows": cls.pg.psql(f"SELECT * FROM logins ORDER BY {', '.join(LOGIN_FIELDS)}"),
                "tables": cls.pg.psql("SELECT table_schema, table_name FROM information_schema.tables "
                                      "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2")}

    @classmethod
    def fill_queue(cls):
        cls.sqs.send_messages(cls.queue_url, [line for line in LOGIN_LINES if line] * 3)

    @classmethod
    def queue_counts(cls):
        return {"waiting, in flight": cls.sqs.count(cls.queue_url)}

    # -- the pipelines ---------------------------------------------------

    def fixture(self, key):
        fixture = self.fixtures.get(key)
        if fixture is None:
            self.fail(f"add a fixture for plugin {key[0]} ({key[1]}) to {Path(__file__).name}")
        return fixture

    def pipeline(self, key, options, name):
        """A pipeline with the plugin as its source, one of its transforms or its sink."""
        fixture = self.fixture(key)
        work = self.dir / key[0] / key[1]
        work.mkdir(parents=True, exist_ok=True)
        input_file = self.dir / "input.txt"
        step = {"name": "under_test", "plugin": key[0], **options}
        source = step if fixture.role == "source" else {"plugin": "file", "path": str(input_file)}
        sink = step if fixture.role == "sink" else {"plugin": "file", "path": str(self.dir / "out.ndjson")}
        transforms = list(fixture.before) + ([step] if fixture.role == "transform" else [])
        text = (f"version: 1\nname: defaults\nsource: {step_yaml(source)}\n"
                + ("transforms:\n" + "".join(f"  - {step_yaml(t)}\n" for t in transforms) if transforms else "")
                + f"sink: {step_yaml(sink)}\n"
                + f"dead_letter: {step_yaml({'plugin': 'file', 'path': str(self.dir / 'rejects.ndjson')})}\n")
        return write_pipeline(work, text, name)

    def minimal_and_explicit(self, key):
        """The fixture's options, and the same with every default of the schema written out."""
        schema = self.plugins[key]["config_schema"]
        minimal = self.fixture(key).options
        filled = set()
        explicit = with_defaults(minimal, schema, filled=filled)
        return minimal, explicit, filled

    def run_once(self, key, pipeline):
        """Runs the pipeline to its end; returns everything a user could compare."""
        fixture = self.fixture(key)
        (self.dir / "input.txt").write_text("\n".join(fixture.lines) + "\n", encoding="utf-8")
        for output in ("out.ndjson", "rejects.ndjson"):
            (self.dir / output).unlink(missing_ok=True)
        if fixture.prepare:
            fixture.prepare()
        result = run_sluice(["run", pipeline, "--drain", "--no-progress"], env=fixture.env)
        rows = [fixture.stable_row(json.loads(line)) for line in self.lines_of("out.ndjson")]
        # A dead-letter record carries the time it was written; the rest is the plugin's doing.
        rejects = [{k: v for k, v in json.loads(line).items() if k != "time"}
                   for line in self.lines_of("rejects.ndjson")]
        if not fixture.ordered:
            rows.sort(key=json.dumps)
            rejects.sort(key=json.dumps)
        # Log lines without their time stamp: a default may decide a warning (sha256 unsalted, a line too
        # long). A retry after a slow answer on a loaded machine is the machine's doing, not a default's.
        logged = map(LOG_LINE.match, result.stderr.splitlines())
        warnings = sorted(f"{match[1]} {match[2]}" for match in logged if match and "retry" not in match[2])
        return {"exit code": result.rc, "rows": rows, "dead-lettered": rejects, "warnings and errors": warnings,
                "elsewhere": fixture.observe() if fixture.observe else None}, result

    def lines_of(self, name):
        path = self.dir / name
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []

    # -- the checks ------------------------------------------------------

    def test_every_in_tree_plugin_has_a_fixture(self):
        for key in self.plugins:
            with self.subTest(plugin=key):
                self.fixture(key)

    def test_plugins_json_shows_defaults_the_host_fills(self):
        """What `sluice plugins --json` shows is what users read: every default
        there must sit where the host's fill reaches it (a default inside oneOf
        or additionalProperties is never applied), and the fixture must reach it."""
        self.assertTrue(any(list(defaults_in(p["config_schema"])) for p in self.plugins.values()),
                        "no in-tree plugin shows a single default in sluice plugins --json")
        for key, plugin in self.plugins.items():
            with self.subTest(plugin=key):
                _, _, filled = self.minimal_and_explicit(key)
                shown = {path for path, _ in defaults_in(plugin["config_schema"])}
                self.assertEqual(sorted(shown - filled), [],
                                 f"{key[0]}: these defaults are shown but the host never fills them (inside oneOf or "
                                 "additionalProperties), or the fixture sets them or leaves out the object holding "
                                 "them, so the test cannot compare them")

    def test_plugins_json_shows_the_defaults_the_readmes_document(self):
        """Users read defaults in `sluice plugins --json` and in each plugin's
        README; a default documented there but kept in code would escape the host's fill."""
        checked = 0
        for folder in sorted((source_dir() / "plugins").iterdir()):
            readme = folder / "README.md"
            if not readme.exists():
                continue
            schemas = [plugin["config_schema"] for plugin in self.plugins.values()
                       if Path(plugin["library"]).stem == f"sluice_{folder.name}"]
            for option, documented in readme_defaults(readme):
                if (folder.name, option) in KNOWN_UNSTATED_DEFAULTS:
                    continue
                with self.subTest(readme=f"plugins/{folder.name}/README.md", option=option):
                    shown = [shown_default_text(schema["properties"][option]["default"]) for schema in schemas
                             if "default" in (schema.get("properties") or {}).get(option, {})]
                    self.assertIn(documented, shown, f"the README documents {option}: {documented}, "
                                                     "sluice plugins --json shows otherwise")
                    checked += 1
        self.assertGreater(checked, 0, "no README options table with a default column was found")

    def test_the_schema_defaults_are_valid_options(self):
        for key in self.plugins:
            with self.subTest(plugin=key):
                minimal, explicit, _ = self.minimal_and_explicit(key)
                for name, options in (("minimal.yaml", minimal), ("explicit.yaml", explicit)):
                    result = run_sluice(["validate", self.pipeline(key, options, name)], env=self.fixture(key).env)
                    self.assertEqual(result.rc, 0, f"{key[0]} with {options}:\n{result.describe()}")

    def test_an_empty_config_behaves_as_the_schema_says(self):
        for key in self.plugins:
            with self.subTest(plugin=key):
                minimal, explicit, filled = self.minimal_and_explicit(key)
                left_out, result = self.run_once(key, self.pipeline(key, minimal, "minimal.yaml"))
                self.assertEqual(left_out["exit code"], 0, result.describe())
                delivered = left_out["rows"] or (left_out["elsewhere"] or {}).get("rows")
                self.assertTrue(delivered, f"{key[0]}: no row went through\n{result.describe()}")
                written_out, result = self.run_once(key, self.pipeline(key, explicit, "explicit.yaml"))
                self.assertEqual(left_out, written_out,
                                 f"{key[0]}: leaving out {sorted(filled)} is not the same as writing the "
                                 f"schema's defaults {explicit}\n{result.describe()}")


if __name__ == "__main__":
    unittest.main()
