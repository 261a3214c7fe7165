#!/usr/bin/env python3
"""Runs clang-tidy on translation units, skipping the ones already found clean.

What clang-tidy reports about a unit depends only on the unit's preprocessed
text (line markers included, so each declaration keeps its file), its flags,
.clang-tidy and clang-tidy's version. A hash of those names a file in the
cache directory, written when the unit was clean; findings are never cached.
The clone's own path is taken out of the hash, so a second clone of the same
commit (what CI makes) finds the first one's results.

usage: tidy_units.py <build dir> <cache dir> <jobs> <unit>...
Prints the findings of each unit that has some; exits 1 if any has.
"""

import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The build's flags are GCC's; clang warns about the ones it does not know.
EXTRA_ARG = "-Wno-unknown-warning-option"


def preprocess_command(entry):
    """The unit's compile command, run by clang as the preprocessor only."""
    words = shlex.split(entry["command"])
    out = ["clang" if entry["file"].endswith(".c") else "clang++", EXTRA_ARG, "-E"]
    skip = False
    for word in words[1:]:
        if skip:
            skip = False
        elif word == "-o":
            skip = True
        elif word != "-c":
            out.append(word)
    return out


def cache_key(entry, config_text, tidy_version):
    result = subprocess.run(preprocess_command(entry), cwd=entry["directory"],
                            capture_output=True, check=False)
    if result.returncode != 0:
        return None  # clang-tidy will say why
    digest = hashlib.sha256()
    for part in (tidy_version, config_text, entry["command"].replace(REPO_ROOT, "<root>")):
        digest.update(part.encode() + b"\0")
    digest.update(result.stdout.replace(REPO_ROOT.encode(), b"<root>"))
    return digest.hexdigest()


def check(entry, build_dir, cache_dir, config_text, tidy_version):
    """(unit, findings text or None when clean, whether the cache answered)."""
    key = cache_key(entry, config_text, tidy_version)
    stamp = os.path.join(cache_dir, key) if key else None
    if stamp and os.path.exists(stamp):
        return entry["file"], None, True
    result = subprocess.run(["clang-tidy", "-p", build_dir, "--quiet", f"--extra-arg={EXTRA_ARG}",
                             entry["file"]], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return entry["file"], result.stdout + result.stderr, False
    if stamp:
        open(stamp, "w").close()
    return entry["file"], None, False


def main():
    build_dir, cache_dir, jobs, units = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    os.makedirs(cache_dir, exist_ok=True)
    entries = {e["file"]: e for e in json.load(open(os.path.join(build_dir, "compile_commands.json")))}
    config_text = open(os.path.join(REPO_ROOT, ".clang-tidy")).read()
    tidy_version = subprocess.run(["clang-tidy", "--version"], capture_output=True, text=True,
                                  check=True).stdout
    failed, cached = [], 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        runs = [pool.submit(check, entries[u], build_dir, cache_dir, config_text, tidy_version)
                for u in units]
        for run in concurrent.futures.as_completed(runs):
            unit, findings, from_cache = run.result()
            cached += from_cache
            if findings is not None:
                failed.append((unit, findings))
    print(f"==> clang-tidy: {len(units)} units, {cached} clean in the cache ({cache_dir})")
    for unit, findings in sorted(failed):
        lines = sorted(set(l for l in findings.splitlines() if re.search(r"(warning|error):", l)))
        print(f"--- {os.path.relpath(unit, REPO_ROOT)}")
        print("\n".join(lines[:40]) if lines else findings[-2000:])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
