"""What counts as a compatible change of the plugin ABI's layout.

Within one major version structs only grow at the end: every recorded field
keeps its offset and size, no recorded field or struct disappears, and a new
field lies past the end of the struct as recorded (so a reader that checks
`struct_size` never mistakes padding or another field for it).
"""

from dataclasses import dataclass, field
from typing import Dict, List, Tuple


@dataclass
class Struct:
    size: int
    # field name -> (offset, size), in declaration order
    fields: Dict[str, Tuple[int, int]] = field(default_factory=dict)


@dataclass
class Layout:
    abi_major: int = 0
    abi_minor: int = 0
    pointer_size: int = 0
    structs: Dict[str, Struct] = field(default_factory=dict)

    @staticmethod
    def parse(text: str) -> "Layout":
        """Reads a record, or the probe's output (the same lines without comments)."""
        layout = Layout()
        for number, line in enumerate(text.splitlines(), 1):
            words = line.split()
            if not words or words[0].startswith("#"):
                continue
            try:
                layout._add(words)
            except (IndexError, KeyError, ValueError):
                raise ValueError(f"layout line {number} is not understood: {line!r}") from None
        return layout

    def _add(self, words: List[str]):
        kind = words[0]
        if kind == "abi":
            major, minor = words[1].split(".")
            self.abi_major, self.abi_minor = int(major), int(minor)
        elif kind == "pointer_size":
            self.pointer_size = int(words[1])
        elif kind == "struct":
            self.structs[words[1]] = Struct(int(words[2]))
        elif kind == "field":
            self.structs[words[1]].fields[words[2]] = (int(words[3]), int(words[4]))
        else:
            raise ValueError(kind)


def incompatibilities(recorded: Layout, current: Layout) -> List[str]:
    """Every way `current` breaks a plugin or host built against `recorded`."""
    if recorded.pointer_size != current.pointer_size:
        return [f"the record was made with {recorded.pointer_size}-byte pointers, "
                f"this compiler has {current.pointer_size}-byte pointers: not comparable"]
    if recorded.abi_major != current.abi_major:
        return [f"SLUICE_ABI_MAJOR is {current.abi_major} but the record is for {recorded.abi_major}: "
                f"a new major gets a new record file"]
    problems = []
    if current.abi_minor < recorded.abi_minor:
        problems.append(f"SLUICE_ABI_MINOR went down from {recorded.abi_minor} to {current.abi_minor}")
    for name, old in recorded.structs.items():
        new = current.structs.get(name)
        if new is None:
            problems.append(f"struct {name} was removed")
            continue
        problems += _struct_breaks(name, old, new)
    return problems


def _struct_breaks(name: str, old: Struct, new: Struct) -> List[str]:
    problems = []
    if new.size < old.size:
        problems.append(f"{name} shrank from {old.size} to {new.size} bytes")
    for member, (offset, size) in old.fields.items():
        if member not in new.fields:
            problems.append(f"{name}.{member} was removed")
            continue
        new_offset, new_size = new.fields[member]
        if new_offset != offset:
            problems.append(f"{name}.{member} moved from offset {offset} to {new_offset}")
        if new_size != size:
            problems.append(f"{name}.{member} changed size from {size} to {new_size} bytes")
    for member, (offset, _) in new.fields.items():
        if member not in old.fields and offset < old.size:
            problems.append(f"{name}.{member} was inserted at offset {offset}, inside the "
                            f"{old.size} bytes recorded: new fields go at the end")
    return problems


def notes(recorded: Layout, current: Layout) -> List[str]:
    """Compatible growth worth knowing about: appended fields and new structs."""
    found = []
    for name, new in current.structs.items():
        old = recorded.structs.get(name)
        if old is None:
            found.append(f"struct {name} is new")
            continue
        appended = [m for m in new.fields if m not in old.fields]
        if appended:
            found.append(f"{name} gained {', '.join(appended)} at the end")
    if found and current.abi_minor == recorded.abi_minor:
        found.append("raise SLUICE_ABI_MINOR for the release that adds these, and regenerate the record")
    return found
