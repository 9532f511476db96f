"""Structural checks for heldout3.jsonl: the held-out validator, run on this set's file."""

import pathlib
import runpy
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.argv = [sys.argv[0], str(HERE / "heldout3.jsonl")]
runpy.run_path(str(HERE.parent / "heldout" / "validate.py"), run_name="__main__")
