"""What a column generator sees: one batch of one table, and its vectorized draw helpers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field as dc_field
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from synthdata import _rng
from synthdata.schema import Field, Schema

if TYPE_CHECKING:
    from synthdata.generate.relations import Allocation

__all__ = ["REFERENCE_DATE", "Batch", "TablePlan", "bytes_to_series", "fill_template", "group_of"]

#: Generated dates end here unless a field says otherwise: a fixed day keeps output reproducible.
REFERENCE_DATE = dt.datetime(2025, 12, 31, 23, 59, 59)


@dataclass(frozen=True)
class TablePlan:
    """Everything fixed for a table before its batches run (shared by all batches)."""

    seed: int
    schema: Schema
    volume: int
    volumes: dict[str, int]
    schemas: dict[str, Schema]
    locale: str
    reference: dt.datetime = REFERENCE_DATE
    #: Per bounded foreign key: how its rows spread over the parent's rows.
    allocations: dict[str, Allocation] = dc_field(default_factory=dict)
    #: Per TEXT field: values a language model wrote, which rows pick from.
    text_pools: dict[str, list[str]] = dc_field(default_factory=dict)


@dataclass
class Batch:
    """Rows ``start … start+n-1`` of one table, with the columns generated so far."""

    plan: TablePlan
    start: int
    n: int
    columns: dict[str, pl.Series] = dc_field(default_factory=dict)
    _latent: dict[Any, Any] = dc_field(default_factory=dict)

    @property
    def schema(self) -> Schema:
        return self.plan.schema

    def index(self) -> np.ndarray:
        """The absolute row indexes of this batch."""
        return np.arange(self.start, self.start + self.n, dtype=np.uint64)

    def key(self, *parts: object) -> int:
        return _rng.stream_key(self.plan.schema.name, *parts)

    def uniform(self, *parts: object, per_row: int = 1) -> np.ndarray:
        """Uniform [0, 1) draws for this batch from the stream named by ``parts``."""
        return _rng.uniform(self.plan.seed, self.key(*parts), self.start, self.n, per_row)

    def raw(self, *parts: object, per_row: int = 1) -> np.ndarray:
        return _rng.raw(self.plan.seed, self.key(*parts), self.start, self.n, per_row)

    def choice(self, size: int, *parts: object) -> np.ndarray:
        """Uniform indexes into a pool of ``size``."""
        return np.minimum((self.uniform(*parts) * size).astype(np.int64), size - 1)

    def latent(self, name: Any, make: Any) -> Any:
        """Memoize draws shared by several fields of a row (a person, an address)."""
        if name not in self._latent:
            self._latent[name] = make()
        return self._latent[name]

    def locale(self, f: Field) -> str:
        return f.locale or self.plan.locale


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
#: Random byte → character lookups for each placeholder of a template.
_PLACEHOLDERS = {
    ord("#"): (ord("0") + (_BYTES * 10 >> 8)).astype(np.uint8),
    ord("?"): (ord("A") + (_BYTES * 26 >> 8)).astype(np.uint8),
    ord("*"): np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", np.uint8)[_BYTES * 36 >> 8],
}


@cache
def _pair_lookups() -> dict[int, np.ndarray]:
    """The same lookups two bytes at a time (half as many gathers; identical characters).

    Built on first use, not at import: 384 KiB that only generation needs.
    """
    pairs = np.arange(65536)
    return {
        placeholder: lookup.astype("<u2")[pairs & 255] | (lookup.astype("<u2")[pairs >> 8] << 8)
        for placeholder, lookup in _PLACEHOLDERS.items()
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
    for placeholder, lookup in _pair_lookups().items():
        if (table == placeholder).any():
            drawn = np.take(lookup, pairs).view(np.uint8)
            mat = np.where(mat == placeholder, drawn, mat)
    return bytes_to_series(mat, lengths=lengths)


def noise_bytes(batch: Batch, width: int, *parts: object) -> np.ndarray:
    """A contiguous ``(n, ≥width)`` uint8 matrix of random bytes (whole 64-bit draws per row)."""
    words = (width + 7) // 8
    draws = batch.raw(*parts, per_row=words).reshape(batch.n, words)
    return draws.view(np.uint8).reshape(batch.n, words * 8)


_PERSON_TOKENS = re.compile(
    r"(^|_)(first_?name|given_name|forename|last_?name|surname|family_name|full_?name|name|"
    r"email(_address)?|e_?mail|user_?name|login|handle)$"
)
_ADDRESS_TOKENS = re.compile(
    r"(^|_)(street(_address)?|address(_line_?1)?|city|town|state|province|region|county|"
    r"postal_code|post_?code|zip(_?code)?|country|latitude|lat|longitude|lng|lon)$"
)


def group_of(name: str, kind: str) -> str:
    """The role a person or address field belongs to: ``billing_city`` → ``billing``.

    Fields of one role in one row share one person (or one address record), so a customer's email
    is made from their name and a city agrees with its state.
    """
    pattern = _PERSON_TOKENS if kind == "person" else _ADDRESS_TOKENS
    return pattern.sub("", name.lower()).strip("_")
