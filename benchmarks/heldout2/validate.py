"""Structural checks for heldout2.jsonl: the held-out validator, run on this set's file."""

import pathlib
import runpy
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.argv = [sys.argv[0], str(HERE / "heldout2.jsonl")]
runpy.run_path(str(HERE.parent / "heldout" / "validate.py"), run_name="__main__")
