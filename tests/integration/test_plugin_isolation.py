"""In-tree plugins are built against the SDK only: no file under plugins/
includes a core header, and every plugin shared object resolves nothing
from the host (it was linked with -Wl,--no-undefined, and its undefined
symbols all come from the libraries it links)."""

import os
import re
import subprocess
import unittest
from pathlib import Path

SOURCE = Path(os.environ["SLUICE_SOURCE_DIR"])
BUILD = Path(os.environ["SLUICE_BUILD_DIR"])
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


class PluginIsolation(unittest.TestCase):
    def test_no_plugin_source_includes_a_core_header(self):
        core_headers = {p.name for p in (SOURCE / "core" / "src").glob("*.h")}
        offenders = []
        for path in (SOURCE / "plugins").rglob("*"):
            if path.suffix not in {".c", ".cc", ".cpp", ".h", ".hpp"}:
                continue
            # A plugin may have a header of the same name as a core one: its own wins.
            plugin_root = SOURCE / "plugins" / path.relative_to(SOURCE / "plugins").parts[0]
            for included in INCLUDE.findall(path.read_text(errors="replace")):
                if "core/" in included or (Path(included).name in core_headers and "/" not in included
                                           and not any(plugin_root.rglob(included))):
                    offenders.append(f"{path.relative_to(SOURCE)} includes {included}")
        self.assertEqual(offenders, [])

    def test_every_plugin_resolves_its_symbols_without_the_host(self):
        plugins = sorted((BUILD / "lib" / "sluice").glob("*.so"))
        self.assertTrue(plugins, "no plugins were built")
        for plugin in plugins:
            # ldd -r reports every symbol the object leaves for its host to provide.
            done = subprocess.run(["ldd", "-r", str(plugin)], capture_output=True, text=True)
            undefined = [l for l in (done.stdout + done.stderr).splitlines() if "undefined symbol" in l]
            self.assertEqual(undefined, [], plugin.name)

    def test_plugins_export_only_the_entry_function(self):
        for plugin in sorted((BUILD / "lib" / "sluice").glob("*.so")):
            done = subprocess.run(["nm", "-D", "--defined-only", str(plugin)], capture_output=True, text=True)
            exported = {line.split()[-1] for line in done.stdout.splitlines() if " T " in line}
            self.assertIn("sluice_plugin_entry_v1", exported, plugin.name)
            sluice_symbols = {s for s in exported if "sluice" in s}
            self.assertEqual(sluice_symbols, {"sluice_plugin_entry_v1"}, plugin.name)


if __name__ == "__main__":
    unittest.main()
