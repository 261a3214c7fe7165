"""Reads a Dockerfile into its stages and instructions, enough for tests to
check what the file says without a Docker engine: line continuations,
comments, `ARG` defaults in `FROM`, and the JSON (exec) form of arguments."""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Instruction:
    keyword: str  # upper case: FROM, RUN, COPY, ...
    arguments: str  # the rest of the logical line, continuations joined

    def exec_form(self):
        """The arguments as a list when written in JSON form, else None."""
        text = self.arguments.strip()
        if not text.startswith("["):
            return None
        return json.loads(text)


@dataclass
class Stage:
    image: str  # FROM's image with ARG defaults substituted
    name: str  # the `AS` name, or "" when unnamed
    instructions: list = field(default_factory=list)

    def all(self, keyword):
        return [i for i in self.instructions if i.keyword == keyword]

    def last(self, keyword):
        found = self.all(keyword)
        return found[-1] if found else None


def read_stages(path: Path):
    """The Dockerfile's stages, in order."""
    global_args = {}
    stages = []
    for instruction in _instructions(path.read_text()):
        if instruction.keyword == "FROM":
            stages.append(_stage(instruction.arguments, global_args))
        elif not stages and instruction.keyword == "ARG":
            name, _, default = instruction.arguments.strip().partition("=")
            global_args[name.strip()] = default.strip()
        elif stages:
            stages[-1].instructions.append(instruction)
    return stages


def _stage(from_arguments, global_args):
    words = [w for w in from_arguments.split() if not w.startswith("--platform")]
    image = re.sub(r"\$\{?(\w+)\}?", lambda m: global_args.get(m.group(1), m.group(0)), words[0])
    name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else ""
    return Stage(image=image, name=name)


def _instructions(text):
    """Logical lines (continuations joined, comments and blank lines dropped)."""
    logical = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or (not stripped and not logical):
            continue
        if stripped.endswith("\\"):
            logical += stripped[:-1] + " "
            continue
        logical += stripped
        if logical.strip():
            keyword, _, arguments = logical.strip().partition(" ")
            yield Instruction(keyword.upper(), arguments.strip())
        logical = ""
