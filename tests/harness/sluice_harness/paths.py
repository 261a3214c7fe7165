"""Where the repository and the build tree are, as CTest or a developer sees them."""

import os
from pathlib import Path


def source_dir() -> Path:
    """The repository root: SLUICE_SOURCE_DIR, or found from this file's place."""
    configured = os.environ.get("SLUICE_SOURCE_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3]


def build_dir() -> Path:
    """The build tree: SLUICE_BUILD_DIR, or build/ in the repository."""
    configured = os.environ.get("SLUICE_BUILD_DIR")
    if configured:
        return Path(configured)
    return source_dir() / "build"
