"""Pipeline files for tests."""

import textwrap
from pathlib import Path


def write_pipeline(directory, yaml_text: str, name: str = "pipeline.yaml") -> Path:
    """Writes yaml_text (dedented, so tests may indent it) to directory/name."""
    path = Path(directory) / name
    path.write_text(textwrap.dedent(yaml_text).lstrip("\n"), encoding="utf-8")
    return path
