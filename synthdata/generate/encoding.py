"""Bytes to strings, fast: ASCII byte matrices become polars String columns, templates get filled.

The UUID, code and template generators build their values as ``(n, width)`` uint8 matrices and
hand them to :func:`bytes_to_series`; nothing here knows about tables or batches.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import polars as pl

__all__ = ["PLACEHOLDERS", "bytes_to_series", "fill_template", "pair_lookups"]


def bytes_to_series(
    matrix: np.ndarray, name: str = "", lengths: np.ndarray | None = None
) -> pl.Series:
    """ASCII rows of a ``(n, width)`` uint8 matrix as a String series; NUL bytes (the padding of
    shorter rows) are dropped. ``lengths``, when the caller knows them, saves counting them.

    The bytes go to polars as one Arrow string array (offsets and data, built with nanoarrow),
    about ten times faster than converting fixed-width numpy strings element by element.
    """
    import nanoarrow as na

    matrix = np.ascontiguousarray(matrix, dtype=np.uint8)
    n, width = matrix.shape
    if width == 0 or n == 0:
        return pl.Series(name, [""] * n, dtype=pl.String)
    padded = matrix == 0
    if padded.any():
        if lengths is None:
            lengths = width - np.count_nonzero(padded, axis=1)
        data = matrix[~padded]
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
    else:
        data = matrix.reshape(-1)
        offsets = np.arange(0, width * (n + 1), width, dtype=np.int64)
    array = na.c_array_from_buffers(na.large_string(), n, [None, offsets, data])
    return pl.Series(array).alias(name)


_BYTES = np.arange(256)
#: Random byte → character lookups for each placeholder of a template (a constant, built at
#: import).
PLACEHOLDERS = {
    ord("#"): (ord("0") + (_BYTES * 10 >> 8)).astype(np.uint8),
    ord("?"): (ord("A") + (_BYTES * 26 >> 8)).astype(np.uint8),
    ord("*"): np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", np.uint8)[_BYTES * 36 >> 8],
}


@cache
def pair_lookups() -> dict[int, np.ndarray]:
    """The same lookups two bytes at a time (half as many gathers; identical characters).

    Cache: built by the first :func:`fill_template`, not at import (384 KiB that only generation
    needs), and kept for the life of the process; a constant, so emptying it (see
    :mod:`synthdata.generate.caches`) only costs the rebuild.
    """
    pairs = np.arange(65536)
    return {
        placeholder: lookup.astype("<u2")[pairs & 255] | (lookup.astype("<u2")[pairs >> 8] << 8)
        for placeholder, lookup in PLACEHOLDERS.items()
    }


def fill_template(
    templates: list[str] | tuple[str, ...], pick: np.ndarray, noise: np.ndarray
) -> pl.Series:
    """Fill ASCII templates: ``#`` a digit, ``?`` an upper-case letter, ``*`` a digit or letter.

    ``pick`` chooses a template per row; ``noise`` is an ``(n, width)`` matrix of random bytes
    with an even ``width`` at least the longest template (shorter rows end in NULs, which are
    dropped).
    """
    width = noise.shape[1]
    table = np.zeros((len(templates), width), dtype=np.uint8)
    for i, t in enumerate(templates):
        table[i, : len(t)] = np.frombuffer(t.encode("ascii"), dtype=np.uint8)
    mat = table[pick]
    lengths = np.array([len(t) for t in templates], dtype=np.int64)[pick]
    pairs = np.ascontiguousarray(noise).view("<u2")
    for placeholder, lookup in pair_lookups().items():
        if (table == placeholder).any():
            drawn = np.take(lookup, pairs).view(np.uint8)
            mat = np.where(mat == placeholder, drawn, mat)
    return bytes_to_series(mat, lengths=lengths)
