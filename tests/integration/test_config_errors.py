"""Configuration errors name the file, line and column and the offending key,
suggest the nearest valid key, and exit with code 2 before any data moves."""

import os
import tempfile
import unittest

from sluice_harness import run_sluice, write_pipeline


class ConfigErrors(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.input = os.path.join(self.tmp.name, "in.ndjson")
        with open(self.input, "w") as f:
            f.write('{"a": "x"}\n')

    def check(self, yaml_text, *expected, command="validate", env=None):
        path = write_pipeline(self.tmp.name, yaml_text)
        result = run_sluice([command, path], env=env)
        self.assertEqual(result.rc, 2, result.describe())
        for text in expected:
            self.assertIn(text.replace("PATH", str(path)), result.stderr)
        return result

    def test_valid_pipeline_validates(self):
        path = write_pipeline(self.tmp.name, f"""\
            version: 1
            source: {{plugin: file, path: {self.input}}}
            transforms:
              - {{name: parse, plugin: json, fields: {{a: string}}}}
            sink: {{plugin: file, path: out.ndjson}}
            """)
        result = run_sluice(["validate", path])
        self.assertEqual(result.rc, 0, result.describe())
        self.assertIn("ok", result.stdout)

    def test_bad_yaml(self):
        self.check("version: 1\nsource: {plugin: file\n", "PATH:", "invalid YAML")

    def test_unknown_key_in_a_step_suggests_the_nearest(self):
        self.check(f"""\
            version: 1
            source: {{plugin: file, path: {self.input}}}
            transforms:
              - name: parse
                plugin: json
                feilds: {{a: string}}
            sink: {{plugin: file, path: out.ndjson}}
            """, "PATH:6:5: transforms[0].feilds: unknown key 'feilds'; did you mean 'fields'?")

    def test_unknown_top_level_key(self):
        self.check(f"""\
            version: 1
            source: {{plugin: file, path: {self.input}}}
            sink: {{plugin: file, path: out.ndjson}}
            dead_leter: {{plugin: file, path: rejects.ndjson}}
            """, "PATH:4:1: dead_leter: unknown key 'dead_leter'; did you mean 'dead_letter'?")

    def test_unset_variable_without_default(self):
        self.check(f"""\
            version: 1
            source: {{plugin: file, path: {self.input}}}
            sink:
              plugin: file
              path: ${{SLUICE_TEST_SURELY_UNSET}}
            """, "PATH:5:9: sink.path: environment variable SLUICE_TEST_SURELY_UNSET is not set",
            env={"SLUICE_TEST_SURELY_UNSET": None})

    def test_variable_default_is_used(self):
        path = write_pipeline(self.tmp.name, f"""\
            version: 1
            source:
              plugin: file
              path: ${{SLUICE_TEST_IN:-{self.input}}}
            sink: {{plugin: file, path: out.ndjson}}
            """)
        result = run_sluice(["validate", path], env={"SLUICE_TEST_IN": None})
        self.assertEqual(result.rc, 0, result.describe())

    def test_schema_violation_wrong_type(self):
        self.check(f"""\
            version: 1
            source:
              plugin: file
              path: {self.input}
              batch_size: lots
            sink: {{plugin: file, path: out.ndjson}}
            """, "PATH:5:15: source.batch_size: expected integer, got 'lots'")

    def test_batch_size_beyond_its_bound_fails_validate_not_the_run(self):
        self.check(f"""\
            version: 1
            source:
              plugin: file
              path: {self.input}
              batch_size: 1000000000
            sink: {{plugin: file, path: out.ndjson}}
            """, "PATH:5:15: source.batch_size: must be at most 100000")

    def test_postgres_batch_size_beyond_its_bound_fails_validate_not_the_run(self):
        self.check(f"""\
            version: 1
            source: {{plugin: file, path: {self.input}}}
            sink:
              plugin: postgres
              table: events
              batch_size: 2000000
            """, "PATH:6:15: sink.batch_size: must be at most 1000000")

    def test_sqs_options_outside_their_schema_fail_validate_not_the_run(self):
        # The sqs glue reads these options as given: the schema's bounds are
        # the only statement of them, and the host applies them.
        cases = [
            ("max_messages: 11", "source.max_messages: must be at most 10"),
            ("concurrency: 0", "source.concurrency: must be at least 1"),
            ("wait_time_seconds: 21", "source.wait_time_seconds: must be at most 20"),
            ("visibility_timeout: 0", "source.visibility_timeout: must be at least 1"),
            ("max_retries: 21", "source.max_retries: must be at most 20"),
            ("protocol: xml", "source.protocol:"),
        ]
        for option, expected in cases:
            with self.subTest(option=option):
                self.check(f"""\
                    version: 1
                    source:
                      plugin: sqs
                      queue_url: http://127.0.0.1:9/000000000000/q
                      {option}
                    sink: {{plugin: file, path: out.ndjson}}
                    """, expected)

    def test_a_pipeline_file_over_1_mib_is_refused_before_parsing(self):
        path = write_pipeline(self.tmp.name, "version: 1\n" + ("# padding\n" * 120_000))
        result = run_sluice(["validate", path])
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn(f"{path}: the pipeline file is larger than 1048576 bytes (1 MiB)", result.stderr)

    def test_unknown_plugin_suggests_the_nearest(self):
        self.check(f"""\
            version: 1
            source: {{plugin: file, path: {self.input}}}
            transforms:
              - plugin: jsno
            sink: {{plugin: file, path: out.ndjson}}
            """, "PATH:4:5: transforms[0]: no transform plugin named 'jsno'; did you mean 'json'?")

    def test_run_refuses_bad_config_before_moving_data(self):
        out = os.path.join(self.tmp.name, "never.ndjson")
        self.check(f"""\
            version: 1
            source: {{plugin: file, path: {self.input}}}
            sink: {{plugin: file, path: {out}, colour: blue}}
            """, "unknown key 'colour'", command="run")
        self.assertFalse(os.path.exists(out))

    def test_missing_version(self):
        self.check(f"""\
            source: {{plugin: file, path: {self.input}}}
            sink: {{plugin: file, path: out.ndjson}}
            """, "missing required key 'version'")


class CommandLine(unittest.TestCase):
    def test_usage_errors_exit_2(self):
        for args in (["frobnicate"], ["run"], ["plugins", "--drain"], ["validate", "a.yaml", "--step", "x"]):
            result = run_sluice(args)
            self.assertEqual(result.rc, 2, f"{args}: {result.describe()}")
            self.assertIn("usage", result.stderr)

    def test_help_exits_0(self):
        result = run_sluice(["--help"])
        self.assertEqual(result.rc, 0)
        self.assertIn("sluice run PIPELINE.yaml", result.stdout)

    def test_missing_pipeline_file(self):
        result = run_sluice(["validate", "/nonexistent/p.yaml"])
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn("cannot open", result.stderr)


if __name__ == "__main__":
    unittest.main()
