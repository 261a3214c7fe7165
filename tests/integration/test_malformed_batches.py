"""The host checks every batch a plugin returns before reading it: a source's
or a transform's malformed batch stops the run with exit code 1 and a message
naming the step, the plugin and the column, never a value; the host does not
crash, writes nothing of it, and acknowledges nothing that was not written
(the test plugin `malformed`, tests/plugins/malformed_plugin.c, makes one
defect at a time)."""

import os
import tempfile
import textwrap
import unittest

from sluice_harness import run_sluice, write_pipeline

TEST_PLUGINS = os.environ["SLUICE_TEST_PLUGIN_DIR"]

# defect -> (the column the message names, words of the rule it states)
DEFECTS = {
    "decreasing_offsets": ("ip", "has offsets that decrease at row 1"),
    "offset_past_data": ("ip", "has offsets reaching byte 24 of a data buffer that is absent (NULL)"),
    "negative_first_offset": ("ip", "has a negative first offset"),
    "null_data_buffer": ("n", "has no data buffer (NULL) for its 3 rows"),
    "wrong_n_buffers": ("ip", "has 2 buffers; format 'u' has 3"),
    "negative_length": ("n", "has a negative length"),
    "missing_validity": ("n", "has no validity bitmap (NULL) but a null count of 1"),
    "short_child": ("ip", "has 2 rows, fewer than the 3"),
    "unknown_format": ("ip", "has format 'w:8', which the host does not know"),
}

SANITIZER_REPORTS = ("AddressSanitizer", "LeakSanitizer", "runtime error:")


class MalformedBatches(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def run_pipeline(self, source_defect, transform_defect=None):
        """Runs malformed_source (-> malformed_transform, named `mask`) -> file sink.
        Returns the result, the lines the sink wrote and the acks the source got."""
        case = f"{source_defect}-{transform_defect}"
        out = os.path.join(self.tmp.name, f"{case}.out")
        acks = os.path.join(self.tmp.name, f"{case}.acks")
        text = textwrap.dedent(f"""\
            version: 1
            name: malformed
            source: {{name: input, plugin: malformed_source, defect: {source_defect}, ack_path: {acks}}}
            sink: {{plugin: file, path: {out}}}
            """)
        if transform_defect is not None:
            text += textwrap.dedent(f"""\
                transforms:
                  - {{name: mask, plugin: malformed_transform, defect: {transform_defect}}}
                """)
        path = write_pipeline(self.tmp.name, text, name=f"{case}.yaml")
        result = run_sluice(["--plugin-path", TEST_PLUGINS, "run", path, "--drain"])
        return result, read_lines(out), read_lines(acks)

    def assert_refused(self, result, context, column, rule):
        self.assertEqual(result.rc, 1, result.describe())
        self.assertIn(f"{context} returned a malformed batch: column '{column}' {rule}", result.stderr,
                      result.describe())
        for report in SANITIZER_REPORTS:
            self.assertNotIn(report, result.stderr, result.describe())
        self.assertNotIn("10.0.0.", result.stderr + result.stdout)  # names columns, never values

    def test_a_well_formed_batch_passes(self):
        result, written, acks = self.run_pipeline("none", "none")
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(len(written), 3)
        self.assertEqual(acks, ["1 000"])  # every row done

    def test_a_malformed_source_batch_is_refused_and_never_acknowledged(self):
        for defect, (column, rule) in DEFECTS.items():
            with self.subTest(defect=defect):
                result, written, acks = self.run_pipeline(defect)
                self.assert_refused(result, "step 'input' (malformed_source): next", column, rule)
                self.assertEqual(written, [])
                self.assertEqual(acks, [])

    def test_a_malformed_transform_batch_is_refused_and_its_rows_offered_again(self):
        for defect, (column, rule) in DEFECTS.items():
            with self.subTest(defect=defect):
                result, written, acks = self.run_pipeline("none", defect)
                self.assert_refused(result, "step 'mask' (malformed_transform): process", column, rule)
                self.assertEqual(written, [])
                self.assertEqual(acks, ["1 333"])  # SLUICE_ROW_FAILED: nothing was written

    def test_sluice_mask_and_unmask_refuse_a_malformed_batch(self):
        path = write_pipeline(self.tmp.name, """\
            version: 1
            name: masking
            source: {plugin: file, path: "-"}
            transforms:
              - {name: mask, plugin: malformed_transform, defect: decreasing_offsets, fields: [ip]}
            sink: {plugin: file, path: "-"}
            """)
        for command in ("mask", "unmask"):  # process and invert
            with self.subTest(command=command):
                result = run_sluice(["--plugin-path", TEST_PLUGINS, command, path, "--step", "mask"],
                                    input="10.0.0.1\n10.0.0.2\n10.0.0.3\n")
                self.assert_refused(result, f"step 'mask' (malformed_transform): {command}", "ip",
                                    "has offsets that decrease at row 1")
                self.assertEqual(result.stdout, "")

def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n") for line in f if line.strip()]


if __name__ == "__main__":
    unittest.main()
