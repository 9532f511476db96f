"""Where synthdata keeps what outlives a call: job records and files, and the LLM text cache.

``SYNTHDATA_HOME`` when set, else ``$XDG_DATA_HOME/synthdata`` (``~/.local/share/synthdata``):
never a folder relative to the current directory, so a script run from elsewhere finds the same
jobs and cache.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["home"]


def home() -> Path:
    """The absolute data folder (not created here)."""
    configured = os.environ.get("SYNTHDATA_HOME")
    if configured:
        return Path(configured).expanduser().resolve()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return (Path(data).expanduser() / "synthdata").resolve()
