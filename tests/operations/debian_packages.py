"""What this Debian 12 machine says about shared libraries and packages: which
libraries a binary loads (ldd, readelf), which package ships a file (dpkg -S),
and which packages a set of packages brings along (their installed Depends).
The container image is Debian 12 too, so the same package names apply."""

import re
import subprocess
from pathlib import Path

# A dependency alternative: its package name, without version or :arch.
_DEPENDENCY_NAME = re.compile(r"^\s*([a-z0-9][a-z0-9+.-]*)")


def resolved_libraries(binary: Path) -> dict:
    """soname -> the path the dynamic loader picks, for everything `binary` loads."""
    output = _run(["ldd", str(binary)])
    libraries = {}
    for line in output.splitlines():
        line = line.strip()
        if "=>" in line:
            soname, _, rest = line.partition("=>")
            target = rest.split("(")[0].strip()
            if target == "not found" or not target:
                raise AssertionError(f"{binary}: the loader finds no {soname.strip()}")
            libraries[soname.strip()] = target
        elif line.startswith("/"):  # the loader itself
            path = line.split("(")[0].strip()
            libraries[Path(path).name] = path
    return libraries


def needed_sonames(binary: Path) -> list:
    """The DT_NEEDED entries: what `binary` links against directly."""
    output = _run(["readelf", "-d", str(binary)])
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", output)


def packages_of(paths) -> dict:
    """path -> the installed package that ships it, in one dpkg query.
    ldd may name /lib/... where dpkg recorded /usr/lib/... (merged /usr) or a
    symlink where dpkg recorded its target, so every spelling is asked for."""
    spellings = {path: list(_spellings(path)) for path in paths}
    asked = sorted({s for candidates in spellings.values() for s in candidates})
    # dpkg-query exits 1 when some pattern matches nothing, which is expected here.
    done = subprocess.run(["dpkg-query", "-S", *asked], capture_output=True, text=True)
    shipped = {}
    for line in done.stdout.splitlines():
        owners, _, file = line.partition(": /")
        shipped["/" + file] = owners.split(",")[0].split(":")[0].strip()
    found = {}
    for path, candidates in spellings.items():
        owner = next((shipped[c] for c in candidates if c in shipped), None)
        if owner is None:
            raise AssertionError(f"no installed Debian package ships {path}")
        found[path] = owner
    return found


def _spellings(path: str):
    for p in dict.fromkeys([path, str(Path(path).resolve())]):
        yield p
        yield p[len("/usr"):] if p.startswith("/usr/") else "/usr" + p


class InstalledPackages:
    """The packages installed here, with their dependencies, for closure queries."""

    def __init__(self):
        fields = "${Package}\t${Status}\t${Essential}\t${Priority}\t${Provides}\t${Pre-Depends}, ${Depends}\n"
        self.depends = {}
        self._providers = {}
        base_roots = set()
        for line in _run(["dpkg-query", "-W", "-f", fields]).splitlines():
            name, status, essential, priority, provides, depends = line.split("\t")
            if not status.endswith(" installed"):
                continue
            self.depends[name] = _alternatives(depends)
            for virtual in _names(provides):
                self._providers.setdefault(virtual, name)
            if essential == "yes" or priority == "required":
                base_roots.add(name)
        # What every debian:12-slim image holds: the Essential and Priority:
        # required packages (dpkg, apt, coreutils, ...) and what they depend on.
        self.base = self.closure(base_roots)

    def installed(self, name) -> bool:
        return name in self.depends

    def closure(self, names) -> set:
        """`names` and everything they depend on, as apt would install them."""
        seen = set()
        pending = list(names)
        while pending:
            name = pending.pop()
            if name in seen or name not in self.depends:
                continue
            seen.add(name)
            for alternatives in self.depends[name]:
                chosen = self._first_installed(alternatives)
                if chosen:
                    pending.append(chosen)
        return seen

    def _first_installed(self, alternatives):
        for name in alternatives:
            if name in self.depends:
                return name
            if name in self._providers:
                return self._providers[name]
        return None


def _alternatives(depends_field):
    """'a (>= 1) | b, c' -> [['a', 'b'], ['c']]"""
    groups = []
    for clause in depends_field.split(","):
        names = [_bare_name(alternative) for alternative in clause.split("|")]
        names = [n for n in names if n]
        if names:
            groups.append(names)
    return groups


def _names(field_text):
    return [n for n in (_bare_name(part) for part in field_text.split(",")) if n]


def _bare_name(text):
    match = _DEPENDENCY_NAME.match(text)
    return match.group(1) if match else None


def _run(command) -> str:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout
