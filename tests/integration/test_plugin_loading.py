"""The host loads plugins from the plugin path, refuses what it must with a
message naming both ABI versions and the file, and lists the rest."""

import json
import os
import tempfile
import unittest

from sluice_harness import run_sluice, write_pipeline

TEST_PLUGINS = os.environ["SLUICE_TEST_PLUGIN_DIR"]


def plugins_json(*extra):
    result = run_sluice(["plugins", "--json", *extra])
    assert result.rc == 0, result.describe()
    return json.loads(result.stdout)


class PluginListing(unittest.TestCase):
    def test_lists_every_in_tree_plugin_with_its_details(self):
        listing = plugins_json()
        found = {(p["name"], p["kind"]): p for p in listing["plugins"]}
        for key in [("file", "source"), ("file", "sink"), ("json", "transform"), ("fields", "transform")]:
            self.assertIn(key, found, listing)
        parse = found[("json", "transform")]
        self.assertEqual(parse["abi_version"], "1.0")
        self.assertTrue(parse["library"].endswith(".so"), parse)
        self.assertTrue(os.path.exists(parse["library"]))
        self.assertEqual(parse["config_schema"]["type"], "object")
        self.assertIn("fields", parse["config_schema"]["properties"])
        self.assertTrue(parse["version"])
        self.assertTrue(parse["description"])

    def test_text_listing_names_libraries(self):
        result = run_sluice(["plugins"])
        self.assertEqual(result.rc, 0, result.describe())
        self.assertIn("json", result.stdout)
        self.assertIn("transform", result.stdout)


class Refusals(unittest.TestCase):
    def refused(self):
        listing = plugins_json("--plugin-path", TEST_PLUGINS)
        return {os.path.basename(r["library"]): r["reason"] for r in listing["refused"]}

    def test_other_major_is_refused_naming_both_versions(self):
        reason = self.refused()["abi_v2.so"]
        self.assertIn("plugin ABI 2", reason)
        self.assertIn("plugin ABI 1.0", reason)

    def test_library_without_entry_function_is_refused(self):
        reason = self.refused()["no_entry.so"]
        self.assertIn("no entry function sluice_plugin_entry_v1", reason)

    def test_newer_minor_is_refused(self):
        reason = self.refused()["newer_minor.so"]
        self.assertIn("1.7", reason)
        self.assertIn("1.0", reason)

    def test_plugins_on_the_extra_path_load_beside_the_built_ins(self):
        listing = plugins_json("--plugin-path", TEST_PLUGINS)
        names = {p["name"] for p in listing["plugins"]}
        self.assertIn("testkit_sink", names)
        self.assertIn("json", names)

    def test_pipeline_naming_a_refused_library_explains_why(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write_pipeline(tmp, """\
                version: 1
                source: {plugin: file, path: in.txt}
                sink:
                  plugin: abi_v2
                """)
            result = run_sluice(["--plugin-path", TEST_PLUGINS, "run", path, "--drain"])
            self.assertEqual(result.rc, 2, result.describe())
            self.assertIn("abi_v2.so was refused", result.stderr)
            self.assertIn("plugin ABI 2", result.stderr)
            self.assertIn(":4:3:", result.stderr)

    def test_plugin_of_the_wrong_kind_is_refused_at_its_place(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write_pipeline(tmp, """\
                version: 1
                source:
                  plugin: json
                  fields: {a: string}
                sink: {plugin: file, path: out.ndjson}
                """)
            result = run_sluice(["validate", path])
            self.assertEqual(result.rc, 2, result.describe())
            self.assertIn(f"{path}:3:3: source: plugin 'json'", result.stderr)
            self.assertIn("is a transform, but this place needs a source", result.stderr)


class FailingSink(unittest.TestCase):
    def test_a_failing_sink_stops_the_run_with_exit_code_1(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "in.txt"), "w") as f:
                f.write("one\ntwo\n")
            path = write_pipeline(tmp, f"""\
                version: 1
                source: {{plugin: file, path: {tmp}/in.txt}}
                sink: {{plugin: testkit_sink, fail: true}}
                """)
            result = run_sluice(["--plugin-path", TEST_PLUGINS, "run", path, "--drain"])
            self.assertEqual(result.rc, 1, result.describe())
            self.assertIn("failing on purpose", result.stderr)


if __name__ == "__main__":
    unittest.main()
