"""The host loads plugins from the plugin path, refuses what it must with a
message naming both ABI versions and the file, and lists the rest."""

import json
import os
import shutil
import tempfile
import unittest

from sluice_harness import run_sluice, write_pipeline

TEST_PLUGINS = os.environ["SLUICE_TEST_PLUGIN_DIR"]
MARKER_PLUGINS = os.environ["SLUICE_TEST_MARKER_PLUGIN_DIR"]


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
        self.assertEqual(parse["abi_version"], "1.2")
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
        self.assertIn("plugin ABI 1.2", reason)

    def test_library_without_entry_function_is_refused(self):
        reason = self.refused()["no_entry.so"]
        self.assertIn("no entry function sluice_plugin_entry_v1", reason)

    def test_newer_minor_is_refused(self):
        reason = self.refused()["newer_minor.so"]
        self.assertIn("1.9", reason)
        self.assertIn("1.2", reason)

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


class SearchOrder(unittest.TestCase):
    def test_sluice_plugin_path_comes_before_the_built_in_directory(self):
        result = run_sluice(["plugins", "--json"], env={"SLUICE_PLUGIN_PATH": TEST_PLUGINS})
        self.assertEqual(result.rc, 0, result.describe())
        names = {p["name"] for p in json.loads(result.stdout)["plugins"]}
        self.assertIn("testkit_sink", names)  # from SLUICE_PLUGIN_PATH
        self.assertIn("json", names)          # and the built-ins still there


STD_ONLY_PIPELINE = """\
    version: 1
    source: {plugin: file, path: in.txt}
    transforms:
      - plugin: json
        fields: {a: string}
    sink: {plugin: file, path: out.ndjson}
    """


class LoadedOnlyWhenNeeded(unittest.TestCase):
    """dlopen runs a library's constructors: a library no step names stays unloaded."""

    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.tmp = tmp.name
        self.marks = os.path.join(self.tmp, "marks")
        os.mkdir(self.marks)
        self.env = {"SLUICE_TEST_MARKER_DIR": self.marks}

    def loaded(self):
        return sorted(name[:-len(".loaded")] for name in os.listdir(self.marks))

    def test_validate_loads_no_library_the_pipeline_does_not_use(self):
        path = write_pipeline(self.tmp, STD_ONLY_PIPELINE)
        result = run_sluice(["--plugin-path", MARKER_PLUGINS, "validate", path], env=self.env)
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(self.loaded(), [])

    def test_a_library_declaring_the_wanted_name_is_loaded_and_no_other(self):
        path = write_pipeline(self.tmp, """\
            version: 1
            source: {plugin: file, path: in.txt}
            sink: {plugin: marker}
            """)
        result = run_sluice(["--plugin-path", MARKER_PLUGINS, "validate", path], env=self.env)
        self.assertEqual(result.rc, 2, result.describe())  # it has no entry function
        self.assertIn("marker_declared.so was refused", result.stderr)
        self.assertEqual(self.loaded(), ["declared"])

    def test_sluice_plugins_loads_every_library_to_list_it(self):
        result = run_sluice(["--plugin-path", MARKER_PLUGINS, "plugins", "--json"], env=self.env)
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(self.loaded(), ["declared", "undeclared"])


class InsecurePluginPath(unittest.TestCase):
    """As sudo does: whoever may write a plugin may run code as sluice."""

    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.tmp = tmp.name
        self.dir = os.path.join(self.tmp, "plugins")
        os.mkdir(self.dir, 0o755)
        os.chmod(self.dir, 0o755)
        self.library = os.path.join(self.dir, "testkit.so")
        shutil.copy(os.path.join(TEST_PLUGINS, "testkit.so"), self.library)
        os.chmod(self.library, 0o755)
        self.pipeline = write_pipeline(self.tmp, """\
            version: 1
            source: {plugin: file, path: in.txt}
            sink: {plugin: testkit_sink}
            """)

    def listing(self, *extra):
        result = run_sluice(["--plugin-path", self.dir, *extra, "plugins", "--json"])
        self.assertEqual(result.rc, 0, result.describe())
        listing = json.loads(result.stdout)
        return {p["name"] for p in listing["plugins"]}, {r["library"]: r["reason"] for r in listing["refused"]}

    def assert_refused(self, path, words):
        names, refused = self.listing()
        self.assertNotIn("testkit_sink", names)
        self.assertIn(path, refused)
        for word in words:
            self.assertIn(word, refused[path])
        result = run_sluice(["--plugin-path", self.dir, "validate", self.pipeline])
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn("insecure", result.stderr)
        self.assertIn(path, result.stderr)

    def test_a_secure_directory_loads(self):
        names, refused = self.listing()
        self.assertIn("testkit_sink", names)
        self.assertEqual(refused, {})

    def test_a_world_writable_directory_is_refused_with_the_reason(self):
        os.chmod(self.dir, 0o777)
        self.assert_refused(self.dir, ["directory is writable by others", "0777", "--allow-insecure-plugin-path"])

    def test_a_group_writable_library_is_refused_with_the_reason(self):
        os.chmod(self.library, 0o775)
        self.assert_refused(self.library, ["file is writable by its group", "0775"])

    @unittest.skipUnless(os.geteuid() == 0, "needs root to give the file away")
    def test_a_library_owned_by_another_user_is_refused(self):
        os.chown(self.library, 65534, 65534)
        self.assert_refused(self.library, ["owned by uid 65534"])

    def test_allow_insecure_plugin_path_loads_it_anyway(self):
        os.chmod(self.dir, 0o777)
        os.chmod(self.library, 0o777)
        names, refused = self.listing("--allow-insecure-plugin-path")
        self.assertIn("testkit_sink", names)
        self.assertEqual(refused, {})


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
