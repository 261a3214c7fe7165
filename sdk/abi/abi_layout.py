#!/usr/bin/env python3
"""Records and checks the binary layout of sluice/plugin.h.

    abi_layout.py generate INCLUDE_DIR [--cc CC]                  # prints the record
    abi_layout.py check INCLUDE_DIR --record FILE [--cc CC]       # exit 1 if incompatible

The layout of every struct in the header (the Arrow ones too) is measured by
compiling a small C program that includes <sluice/plugin.h> and prints
sizeof and offsetof of every field. The fields are found by reading the
header, so a field added anywhere is seen without editing this script.
`check` applies the rules of layout_rules.py to the record and the header.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from layout_rules import Layout, incompatibilities, notes  # noqa: E402

HEADER = Path("sluice") / "plugin.h"
RECORD_PREAMBLE = """\
# Binary layout of sluice/plugin.h (sizes and offsets in bytes), as compiled
# for Linux x86_64 (LP64). Generated; do not edit. Regenerate with
#   python3 sdk/abi/abi_layout.py generate sdk/include > sdk/abi/plugin_abi_v{major}.layout
# when a release adds fields (and raises SLUICE_ABI_MINOR). The test
# tests/sdk/test_abi_layout.py fails when a recorded field moves, changes size
# or disappears, or when a field is inserted inside a recorded struct.
"""


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def field_name(declaration: str) -> str:
    """The name a member declaration declares: `T (*name)(...)`, `T name[N]` or `T name`."""
    pointer_to_function = re.search(r"\(\s*\*\s*(\w+)\s*\)", declaration)
    if pointer_to_function:
        return pointer_to_function.group(1)
    without_array = re.sub(r"\[[^\]]*\]", "", declaration)
    return re.findall(r"\w+", without_array)[-1]


def struct_fields(header_text: str):
    """[(struct tag, [field names in declaration order])] for every struct defined."""
    text = strip_comments(header_text)
    structs = []
    for match in re.finditer(r"\bstruct\s+(\w+)\s*\{", text):
        body_end = text.index("}", match.end())  # members are never nested structs
        members = [m.strip() for m in text[match.end():body_end].split(";") if m.strip()]
        structs.append((match.group(1), [field_name(m) for m in members]))
    return structs


def probe_source(structs) -> str:
    lines = [
        "#include <stdio.h>",
        "#include <sluice/plugin.h>",
        "#define FIELD(s, f) printf(\"field %s %s %zu %zu\\n\", #s, #f, "
        "offsetof(struct s, f), sizeof(((struct s*)0)->f))",
        "int main(void) {",
        '  printf("abi %d.%d\\n", SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR);',
        '  printf("pointer_size %zu\\n", sizeof(void*));',
    ]
    for tag, fields in structs:
        lines.append(f'  printf("struct %s %zu\\n", "{tag}", sizeof(struct {tag}));')
        lines.extend(f"  FIELD({tag}, {name});" for name in fields)
    lines += ["  return 0;", "}"]
    return "\n".join(lines) + "\n"


def measure(include_dir: Path, cc: str) -> str:
    """Compiles and runs the probe for include_dir/sluice/plugin.h; returns its output."""
    structs = struct_fields((include_dir / HEADER).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="sluice-abi-") as tmp:
        source = Path(tmp) / "probe.c"
        binary = Path(tmp) / "probe"
        source.write_text(probe_source(structs), encoding="utf-8")
        compiled = subprocess.run([cc, "-std=c99", "-Wall", "-Werror", "-I", str(include_dir),
                                   str(source), "-o", str(binary)], capture_output=True, text=True)
        if compiled.returncode != 0:
            raise RuntimeError(f"the layout probe does not compile:\n{compiled.stderr}")
        return subprocess.run([str(binary)], capture_output=True, text=True, check=True).stdout


def generate(include_dir: Path, cc: str) -> str:
    measured = measure(include_dir, cc)
    major = Layout.parse(measured).abi_major
    return RECORD_PREAMBLE.format(major=major) + measured


def check(include_dir: Path, record: Path, cc: str) -> int:
    recorded = Layout.parse(record.read_text(encoding="utf-8"))
    current = Layout.parse(measure(include_dir, cc))
    for note in notes(recorded, current):
        print(f"note: {note}")
    problems = incompatibilities(recorded, current)
    for problem in problems:
        print(f"ABI break: {problem}")
    if not problems:
        print(f"{include_dir / HEADER} keeps the layout recorded in {record}")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["generate", "check"])
    parser.add_argument("include_dir", type=Path, help="directory holding sluice/plugin.h")
    parser.add_argument("--record", type=Path, help="the committed layout record (check)")
    parser.add_argument("--cc", default=os.environ.get("CC", "cc"), help="C compiler (default: $CC or cc)")
    args = parser.parse_args()
    try:
        if args.command == "generate":
            sys.stdout.write(generate(args.include_dir, args.cc))
            return 0
        if args.record is None:
            parser.error("check needs --record FILE")
        return check(args.include_dir, args.record, args.cc)
    except (OSError, RuntimeError, ValueError, subprocess.CalledProcessError) as error:
        print(f"abi_layout: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
