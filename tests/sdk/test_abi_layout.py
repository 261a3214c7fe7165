"""The committed layout record guards the plugin ABI: plugin.h passes against
it today, and doctored copies of the header prove that the check fails on a
change that would break built plugins and passes when fields are appended."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("SLUICE_SOURCE_DIR") or Path(__file__).resolve().parents[2])
INCLUDE_DIR = SOURCE_DIR / "sdk" / "include"
HEADER = INCLUDE_DIR / "sluice" / "plugin.h"
RECORD = SOURCE_DIR / "sdk" / "abi" / "plugin_abi_v1.layout"
TOOL = SOURCE_DIR / "sdk" / "abi" / "abi_layout.py"
CC = os.environ.get("SLUICE_C_COMPILER") or os.environ.get("CC") or "cc"


def check_layout(include_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TOOL), "check", str(include_dir), "--record", str(RECORD),
                           "--cc", CC], capture_output=True, text=True, timeout=120)


def describe(done: subprocess.CompletedProcess) -> str:
    return f"exit code {done.returncode}\n{done.stdout}{done.stderr}"


class CurrentHeader(unittest.TestCase):
    def test_plugin_h_keeps_the_recorded_layout(self):
        done = check_layout(INCLUDE_DIR)
        self.assertEqual(done.returncode, 0, describe(done))
        self.assertNotIn("ABI break", done.stdout)

    def test_the_record_covers_every_struct_including_arrows(self):
        recorded = RECORD.read_text(encoding="utf-8")
        for struct in ["ArrowSchema", "ArrowArray", "sluice_error", "sluice_host", "sluice_source_ops",
                       "sluice_rejector", "sluice_transform_ops", "sluice_sink_reporter", "sluice_sink_ops",
                       "sluice_plugin", "sluice_library"]:
            self.assertIn(f"\nstruct {struct} ", recorded)
        self.assertIn("field sluice_plugin check 80 8", recorded)
        self.assertIn("field ArrowArray private_data 72 8", recorded)


class DoctoredHeaders(unittest.TestCase):
    """Each test edits one declaration of a copy of plugin.h and checks it."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="sluice-abi-test-")
        self.include_dir = Path(self._tmp.name)
        (self.include_dir / "sluice").mkdir()
        self.original = HEADER.read_text(encoding="utf-8")

    def tearDown(self):
        self._tmp.cleanup()

    def doctored(self, old: str, new: str) -> subprocess.CompletedProcess:
        # Exactly one match, so that a reworded header cannot make a test pass vacuously.
        self.assertEqual(self.original.count(old), 1, f"plugin.h no longer contains exactly one {old!r}")
        return self.check_header(self.original.replace(old, new))

    def check_header(self, text: str) -> subprocess.CompletedProcess:
        (self.include_dir / "sluice" / "plugin.h").write_text(text, encoding="utf-8")
        return check_layout(self.include_dir)

    def assertBreaks(self, done, *phrases):
        self.assertEqual(done.returncode, 1, describe(done))
        for phrase in phrases:
            self.assertIn(phrase, done.stdout)

    def test_a_field_inserted_in_the_middle_fails(self):
        done = self.doctored("  int32_t kind;\n", "  int32_t kind;\n  const char* category;\n")
        self.assertBreaks(done, "ABI break: sluice_plugin.name moved from offset 8 to 16",
                          "sluice_plugin.category was inserted at offset 8")

    def test_a_field_appended_at_the_end_passes(self):
        done = self.doctored(
            "  sluice_status (*check)(void* instance, sluice_error* err);\n",
            "  sluice_status (*check)(void* instance, sluice_error* err);\n"
            "  const char* documentation_url;\n")
        self.assertEqual(done.returncode, 0, describe(done))
        self.assertIn("note: sluice_plugin gained documentation_url at the end", done.stdout)

    def test_appending_with_a_raised_minor_passes_without_asking_for_it(self):
        self.original = self.original.replace("#define SLUICE_ABI_MINOR 2", "#define SLUICE_ABI_MINOR 3")
        done = self.doctored(
            "  void (*count)(void* ctx, const char* name, double value);\n",
            "  void (*count)(void* ctx, const char* name, double value);\n"
            "  int64_t (*now_us)(void* ctx);\n")
        self.assertEqual(done.returncode, 0, describe(done))
        self.assertNotIn("raise SLUICE_ABI_MINOR", done.stdout)

    def test_a_removed_field_fails(self):
        done = self.doctored("  sluice_status (*check)(void* instance, sluice_error* err);\n", "")
        self.assertBreaks(done, "sluice_plugin.check was removed", "sluice_plugin shrank from 88 to 80 bytes")

    def test_a_field_that_changes_type_fails(self):
        done = self.doctored("  int32_t drain;\n", "  int64_t drain;\n")
        self.assertBreaks(done, "sluice_host.drain changed size from 4 to 8 bytes")

    def test_a_field_inserted_into_padding_fails(self):
        # Offsets after it do not move, but a reader of an old host's struct
        # would take the padding for the new field.
        done = self.doctored("  int32_t drain;\n", "  int32_t drain;\n  int32_t verbosity;\n")
        self.assertBreaks(done, "sluice_host.verbosity was inserted at offset 44")

    def test_reordering_arrow_fields_fails(self):
        done = self.doctored("  int64_t length;\n  /* Number of null elements, or -1 if not computed. */\n"
                             "  int64_t null_count;\n",
                             "  int64_t null_count;\n  int64_t length;\n")
        self.assertBreaks(done, "ArrowArray.length moved from offset 0 to 8")

    def test_a_removed_struct_fails(self):
        start = self.original.index("typedef struct sluice_rejector {")
        end = self.original.index("} sluice_rejector;") + len("} sluice_rejector;")
        done = self.check_header(self.original[:start] + "typedef struct sluice_rejector_v2 sluice_rejector;"
                                 + self.original[end:])
        self.assertBreaks(done, "struct sluice_rejector was removed")


if __name__ == "__main__":
    unittest.main()
