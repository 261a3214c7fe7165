"""What a plugin author does, from a clean directory: install Sluice into a
fresh prefix, build examples/redact (C++, plugin.hpp) and examples/count_by
(C99, plugin.h only) with find_package(Sluice) against it, install them into
the same prefix, and run them in a pipeline with the installed sluice, which
finds every plugin with no flag or variable set."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from sluice_harness.paths import build_dir, source_dir

CMAKE = os.environ.get("SLUICE_CMAKE", "cmake")
CTEST = str(Path(CMAKE).with_name("ctest")) if os.path.isabs(CMAKE) else "ctest"
GENERATOR = os.environ.get("SLUICE_CMAKE_GENERATOR")
STRICT_WARNINGS = "-Wall -Wextra -Werror"

LOGINS = "\n".join([
    '{"user_id": "u1", "contact": "mail alice@example.com"}',
    '{"user_id": "u2", "contact": "mail bob@example.org"}',
    '{"user_id": "u3", "contact": "phone"}',
    '{"user_id": "u4"}',
    'not json at all',
    '{"user_id": "u5", "contact": "ALICE@EXAMPLE.COM or b@x.io"}',
]) + "\n"

EXPECTED_COUNTS = ("[REDACTED] or [REDACTED]\t1\n"
                   "mail [REDACTED]\t2\n"
                   "phone\t1\n"
                   "\\N\t1\n")


def run(command, cwd=None, env=None, timeout=600):
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, command))} failed ({done.returncode}):\n"
                             f"{done.stdout}\n{done.stderr}")
    return done


def without_plugin_path():
    """The environment minus anything that would point sluice elsewhere."""
    env = dict(os.environ)
    for variable in ["SLUICE_PLUGIN_PATH", "SLUICE_PLUGIN_DIR"]:
        env.pop(variable, None)
    return env


class ExamplesAgainstAFreshInstall(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="sluice-examples-")
        cls.root = Path(cls._tmp.name)
        cls.prefix = cls.root / "prefix"
        run([CMAKE, "--install", build_dir(), "--prefix", cls.prefix])
        for example in ["redact", "count_by"]:
            cls.build_example(example)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    @classmethod
    def build_example(cls, name):
        # A copy, so that nothing of the repository's tree is in reach but the prefix.
        source = cls.root / "src" / name
        shutil.copytree(source_dir() / "examples" / name, source)
        build = cls.root / "build" / name
        configure = [CMAKE, "-S", source, "-B", build, f"-DCMAKE_PREFIX_PATH={cls.prefix}",
                     f"-DCMAKE_INSTALL_PREFIX={cls.prefix}", "-DCMAKE_BUILD_TYPE=Release",
                     f"-DCMAKE_C_FLAGS={STRICT_WARNINGS}", f"-DCMAKE_CXX_FLAGS={STRICT_WARNINGS}"]
        if GENERATOR:
            configure.append(f"-G{GENERATOR}")
        for language in ["C", "CXX"]:
            compiler = os.environ.get(f"SLUICE_{language}_COMPILER")
            if compiler:
                configure.append(f"-DCMAKE_{language}_COMPILER={compiler}")
        run(configure)
        run([CMAKE, "--build", build, "--parallel", "2"])
        run([CMAKE, "--install", build])

    def sluice(self, *args, expect_rc=0):
        done = subprocess.run([str(self.prefix / "bin" / "sluice"), *map(str, args)], env=without_plugin_path(),
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, expect_rc, f"{args}: rc {done.returncode}\n{done.stdout}\n{done.stderr}")
        return done

    def pipeline(self, directory: Path, counts_path: str, pattern: str = r"[^@\s]+@[^@\s]+") -> Path:
        (directory / "logins.ndjson").write_text(LOGINS, encoding="utf-8")
        path = directory / "pipeline.yaml"
        path.write_text(f"""\
version: 1
name: contacts
source: {{plugin: file, path: {directory}/logins.ndjson}}
transforms:
  - name: parse
    plugin: json
    fields: {{user_id: string, contact: string}}
    required: [user_id]
  - name: hide_emails
    plugin: redact
    field: contact
    pattern: '{pattern}'
sink:
  plugin: count_by
  column: contact
  path: '{counts_path}'
dead_letter: {{plugin: file, path: {directory}/rejects.ndjson}}
""", encoding="utf-8")
        return path

    def work_dir(self) -> Path:
        return Path(tempfile.mkdtemp(dir=self.root))

    def test_the_install_holds_the_host_the_plugins_and_the_sdk(self):
        for part in ["bin/sluice", "lib/sluice/sluice_std.so", "include/sluice/plugin.h",
                     "include/sluice/plugin.hpp", "include/sluice/detail/plugin_adapters.hpp"]:
            self.assertTrue((self.prefix / part).exists(), part)
        configs = list(self.prefix.glob("lib*/**/cmake/Sluice/SluiceConfig.cmake"))
        self.assertEqual(len(configs), 1, configs)
        for part in ["SluiceConfigVersion.cmake", "SluiceTargets.cmake", "SluicePlugin.cmake"]:
            self.assertTrue((configs[0].parent / part).exists(), part)

    def test_the_examples_were_found_through_the_fresh_prefix(self):
        cache = (self.root / "build" / "redact" / "CMakeCache.txt").read_text(encoding="utf-8")
        sluice_dir = next(line for line in cache.splitlines() if line.startswith("Sluice_DIR:"))
        self.assertIn(str(self.prefix), sluice_dir)

    def test_the_example_plugins_export_only_their_entry_function(self):
        for name in ["redact", "count_by"]:
            symbols = run(["nm", "-D", "--defined-only", self.prefix / "lib" / "sluice" / f"{name}.so"]).stdout
            exported = [line.split()[-1] for line in symbols.splitlines() if " T " in line]
            self.assertEqual(exported, ["sluice_plugin_entry_v1"], symbols)

    def test_the_examples_pass_their_own_unit_tests(self):
        for name in ["redact", "count_by"]:
            done = run([CTEST, "--test-dir", self.root / "build" / name, "--output-on-failure"])
            self.assertIn("100% tests passed", done.stdout)

    def test_installed_sluice_lists_the_examples_and_where_they_came_from(self):
        listing = json.loads(self.sluice("plugins", "--json").stdout)
        found = {p["name"]: p for p in listing["plugins"]}
        for name, kind in [("redact", "transform"), ("count_by", "sink"), ("json", "transform")]:
            self.assertEqual(found[name]["kind"], kind)
            self.assertEqual(Path(found[name]["library"]).parent, self.prefix / "lib" / "sluice")
        self.assertEqual(found["redact"]["config_schema"]["required"], ["field", "pattern"])
        text = self.sluice("plugins").stdout
        self.assertIn(str(self.prefix / "lib" / "sluice" / "count_by.so"), text)

    def test_installed_sluice_says_why_a_library_was_refused(self):
        extra = self.work_dir()
        shutil.copy(self.prefix / "lib" / "sluice" / "count_by.so", extra / "count_by_copy.so")
        (extra / "broken.so").write_bytes(b"not an ELF file")
        text = self.sluice("--plugin-path", f"{self.prefix / 'lib' / 'sluice'}:{extra}", "plugins").stdout
        self.assertIn("refused:", text)
        self.assertIn(f"{extra / 'broken.so'}: cannot be loaded", text)
        self.assertIn(f"{extra / 'count_by_copy.so'}: sink 'count_by' is shadowed by", text)

    def test_pipeline_redacts_then_counts_into_a_file(self):
        directory = self.work_dir()
        counts = directory / "counts.tsv"
        self.sluice("run", self.pipeline(directory, str(counts)), "--drain")
        self.assertEqual(counts.read_text(encoding="utf-8"), EXPECTED_COUNTS)
        rejects = [json.loads(line) for line in (directory / "rejects.ndjson").read_text().splitlines()]
        self.assertEqual(len(rejects), 1, rejects)
        self.assertIn("parse", json.dumps(rejects[0]))
        self.assertFalse((directory / "counts.tsv.tmp").exists())

    def test_pipeline_counts_to_stdout(self):
        directory = self.work_dir()
        done = self.sluice("run", self.pipeline(directory, "-"), "--drain")
        self.assertEqual(done.stdout, EXPECTED_COUNTS)

    def test_validate_connect_creates_the_plugins_without_writing_anything(self):
        directory = self.work_dir()
        counts = directory / "counts.tsv"
        self.sluice("validate", self.pipeline(directory, str(counts)), "--connect")
        self.assertFalse(counts.exists())

    def test_a_bad_pattern_is_a_configuration_error_naming_the_option(self):
        directory = self.work_dir()
        done = self.sluice("validate", self.pipeline(directory, "-", pattern="(unclosed"), "--connect",
                           expect_rc=2)
        self.assertIn("option 'pattern'", done.stderr)
        self.assertIn("hide_emails", done.stderr)

    def test_an_unknown_option_of_an_example_is_refused_by_its_schema(self):
        directory = self.work_dir()
        path = self.pipeline(directory, "-")
        path.write_text(path.read_text().replace("  column: contact\n", "  column: contact\n  colour: red\n"))
        done = self.sluice("validate", path, expect_rc=2)
        self.assertIn("colour", done.stderr)


if __name__ == "__main__":
    unittest.main()
