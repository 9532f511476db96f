"""Values that are pure functions of a row index: primary keys and unique columns.

A child computes its parent's key from the parent's row index with :func:`key_values`, so foreign
keys hold at any scale without reading the parent table.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
import polars as pl

from synthdata import _rng
from synthdata.errors import InvalidInputError
from synthdata.generate.encoding import bytes_to_series
from synthdata.schema import Field, FieldType, ForeignKey, Schema
from synthdata.schema.semantics import DATE_TYPES
from synthdata.schema.traits import FIELD_TRAITS, UniqueRule

__all__ = [
    "KEY_TYPES",
    "MAX_COMBINATIONS",
    "UNIQUE_TYPES",
    "code_pattern",
    "composite_capacity",
    "composite_sizes",
    "composite_values",
    "key_values",
    "pattern_capacity",
    "pattern_values",
    "single_key",
    "unique_values",
    "uuids",
]

#: Types a primary key may have: their values can be computed from a row index alone.
KEY_TYPES = frozenset(t for t, x in FIELD_TRAITS.items() if x.key)
#: Types whose generators can guarantee distinct values (from a permuted row index).
UNIQUE_TYPES = frozenset(t for t, x in FIELD_TRAITS.items() if x.unique is not None)

_U64 = np.uint64


def _hex8(x: np.ndarray) -> np.ndarray:
    """32-bit values (in uint64) → words whose eight bytes are their lowercase hex digits, most
    significant first in memory.

    SIMD-within-a-register: spread the eight nibbles into the eight bytes of a word, turn each
    into its ASCII digit with a few whole-word operations, then byte-swap into reading order.
    """
    x = ((x & _U64(0xFFFF0000)) << _U64(16)) | (x & _U64(0xFFFF))
    x = ((x & _U64(0x0000FF000000FF00)) << _U64(8)) | (x & _U64(0x000000FF000000FF))
    x = ((x & _U64(0x00F000F000F000F0)) << _U64(4)) | (x & _U64(0x000F000F000F000F))
    letters = ((x + _U64(0x0606060606060606)) >> _U64(4)) & _U64(0x0101010101010101)
    x = x + _U64(0x3030303030303030) + letters * _U64(ord("a") - ord("9") - 1)
    return x.byteswap() if np.little_endian else x


def _put(rows: np.ndarray, offset: int, values: np.ndarray) -> None:
    """Store ``values`` at byte ``offset`` of every row of the ``(n, width)`` uint8 ``rows``."""
    view = np.ndarray((rows.shape[0],), values.dtype, rows, offset=offset, strides=(rows.shape[1],))
    view[:] = values


def uuids(hi: np.ndarray, lo: np.ndarray) -> pl.Series:
    """Format two uint64 arrays as version-4 UUID strings.

    The four bits the version nibble overwrites in ``hi`` move into ``lo``, so distinct ``hi``
    values always give distinct UUIDs.
    """
    hi = hi.astype(np.uint64)
    moved = (hi >> _U64(12)) & _U64(0xF)
    hi = (hi & ~_U64(0xF000)) | _U64(0x4000)
    lo = (lo.astype(np.uint64) & _U64(0x03FFFFFFFFFFFFFF)) | (moved << _U64(58))
    lo = (lo & _U64(0x3FFFFFFFFFFFFFFF)) | _U64(0x8000000000000000)
    low32 = _U64(0xFFFFFFFF)
    out = np.empty((len(hi), 36), dtype=np.uint8)
    dash = np.full(len(hi), ord("-"), dtype=np.uint8)
    for at in (8, 13, 18, 23):
        _put(out, at, dash)
    # Each group of hex digits lands with one strided store: 8-4-4-4-12.
    _put(out, 0, _hex8(hi >> _U64(32)))
    for word, first, second in ((_hex8(hi & low32), 9, 14), (_hex8(lo >> _U64(32)), 19, 24)):
        halves = word.view(np.uint32).reshape(-1, 2)
        _put(out, first, halves[:, 0])
        _put(out, second, halves[:, 1])
    _put(out, 28, _hex8(lo & low32))
    return bytes_to_series(out)


_PLACE = re.compile(r"[#?*]")
_RADIX = {"#": 10, "?": 26, "*": 36}
_ALPHABET = {
    "#": np.frombuffer(b"0123456789", np.uint8),
    "?": np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", np.uint8),
    "*": np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", np.uint8),
}


def pattern_capacity(pattern: str) -> int:
    """How many distinct values a pattern such as ``INV-#####`` can produce."""
    capacity = 1
    for ch in _PLACE.findall(pattern):
        capacity *= _RADIX[ch]
    return capacity


def pattern_values(pattern: str, numbers: np.ndarray) -> pl.Series:
    """Write each number into the pattern's placeholders (mixed radix, last place fastest)."""
    encoded = pattern.encode("ascii", "replace")
    out = np.tile(np.frombuffer(encoded, dtype=np.uint8), (len(numbers), 1))
    rest = numbers.astype(np.uint64)
    for pos in range(len(pattern) - 1, -1, -1):
        ch = pattern[pos]
        if ch in _RADIX:
            radix = _U64(_RADIX[ch])
            out[:, pos] = _ALPHABET[ch][(rest % radix).astype(np.int64)]
            rest = rest // radix
    return bytes_to_series(out)


def code_pattern(field: Field, volume: int) -> str:
    """The field's pattern, or one made from its name with room for every row (``INV-00042``)."""
    if field.pattern:
        return field.pattern
    stem = re.sub(r"_?(id|code|number|no|num|ref|sku)$", "", field.name.lower()) or field.name
    prefix = "".join(part[:1] for part in stem.split("_") if part).upper()
    if len(prefix) < 3:
        prefix = re.sub(r"[^A-Za-z]", "", stem).upper()[:3] or "ID"
    digits = max(5, len(str(max(volume, 1) * 10)))
    return f"{prefix}-{'#' * digits}"


def _check_capacity(field: Field, capacity: int, volume: int, table: str) -> None:
    if capacity < volume:
        msg = (
            f"Field '{table}.{field.name}' must be unique but can take only {capacity} distinct "
            f"values for {volume} rows; widen its pattern or range"
        )
        raise InvalidInputError(msg)


def key_values(seed: int, schema: Schema, volume: int, index: np.ndarray) -> pl.Series:
    """The primary key of ``schema``'s rows at ``index`` (positions in a table of ``volume``)."""
    if schema.primary_key is None:
        msg = f"Table '{schema.name}' is referenced but has no primary key"
        raise InvalidInputError(msg)
    return unique_values(seed, schema, schema.field(schema.primary_key), volume, index)


def unique_values(
    seed: int, schema: Schema, field: Field, volume: int, index: np.ndarray
) -> pl.Series:
    """Distinct values for rows at ``index``, computed from the index alone."""
    key = _rng.stream_key(seed, schema.name, field.name, "unique")
    rule = FIELD_TRAITS[field.type].unique
    if rule is UniqueRule.UUID:
        return uuids(_rng.mix64(index, key), _rng.mix64(index, key + 1))
    if rule is UniqueRule.RANGE:
        lo, hi = field.bounds()
        if field.primary_key and lo is None and hi is None:
            return pl.Series(index.astype(np.int64) + 1)
        lo = int(lo if lo is not None else 1)
        hi = int(hi if hi is not None else lo + max(volume * 10, 1000) - 1)
        _check_capacity(field, hi - lo + 1, volume, schema.name)
        return pl.Series(_rng.permute(index, hi - lo + 1, key).astype(np.int64) + lo)
    pattern = code_pattern(field, volume)
    capacity = pattern_capacity(pattern)
    _check_capacity(field, capacity, volume, schema.name)
    if capacity >= 1 << 63:
        # Wider than 64 bits: a bijection on uint64 already keeps rows apart.
        return pattern_values(pattern, _rng.mix64(index, key))
    return pattern_values(pattern, _rng.permute(index, capacity, key))


#: Most combinations a composite key may span (the permutation works on 64-bit integers).
MAX_COMBINATIONS = 1 << 62

_EPOCH = dt.datetime(1970, 1, 1)


def single_key(schema: Schema, name: str) -> ForeignKey | None:
    return next(
        (fk for fk in schema.foreign_keys if fk.field == name and fk.parent != schema.name), None
    )


def _listed(f: Field) -> list[object] | None:
    """The values an ENUM, a ``values`` list or a boolean takes, each once; None for others."""
    if f.type is FieldType.ENUM and f.enum_values:
        return list(dict.fromkeys(f.enum_values))
    if f.values is not None and not f.other:
        return list(dict.fromkeys(f.listed()))
    if f.type is FieldType.BOOLEAN:
        return [False, True]
    return None


def _step(f: Field) -> dt.timedelta | None:
    size = f.step_size()
    if size is None and f.type is FieldType.DATE:
        return dt.timedelta(days=1)
    return size


def _domain(schema: Schema, f: Field, volumes: dict[str, int]) -> int:
    """How many values column ``f`` of the composite key can take."""
    where = f"Table '{schema.name}' composite key column '{f.name}'"
    fk = single_key(schema, f.name)
    if fk is not None:
        return volumes[fk.parent]
    listed = _listed(f)
    if listed is not None:
        return len(listed)
    traits = FIELD_TRAITS[f.type]
    lo, hi = f.limits()
    if traits.dtype == pl.Int64() and traits.orderable:
        if lo is None or hi is None:
            msg = f"{where}: a whole number needs min and max to take every value between them"
            raise InvalidInputError(msg)
        return int(math.floor(hi) - math.ceil(lo)) + 1
    if f.type in DATE_TYPES:
        step = _step(f)
        if step is None or lo is None or hi is None:
            msg = (
                f"{where}: a {f.type.value} needs min, max (or quantiles) and a step such as "
                "'1 hour' to list its values"
            )
            raise InvalidInputError(msg)
        return (_as_datetime(hi) - _as_datetime(lo)) // step + 1
    if traits.patterned and f.pattern:
        return pattern_capacity(f.pattern)
    msg = (
        f"{where}: {f.type.value} has no finite set of values to combine; give it enum_values, "
        "values, min and max (numbers, with a step for dates) or a pattern, or make it a foreign "
        "key"
    )
    raise InvalidInputError(msg)


def _as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)


def composite_sizes(schema: Schema, volumes: dict[str, int]) -> list[int]:
    """The domain size of each column of ``schema``'s composite key (empty without one).

    Raises:
        InvalidInputError: a column has no finite domain.
    """
    return [_domain(schema, schema.field(name), volumes) for name in schema.composite_key]


def composite_capacity(schema: Schema, volumes: dict[str, int]) -> int:
    """How many distinct combinations the composite key can take."""
    return math.prod(composite_sizes(schema, volumes))


def composite_values(f: Field, index: np.ndarray) -> pl.Series:
    """The values of composite key column ``f`` (not a foreign key) at domain ``index``."""
    dtype = FIELD_TRAITS[f.type].dtype
    listed = _listed(f)
    if listed is not None:
        pool = pl.Series(listed).cast(dtype)
        return pool.gather(pl.Series(index.astype(np.int64)))
    lo, _ = f.limits()
    if f.type in DATE_TYPES:
        step = _step(f)
        assert step is not None  # checked by composite_sizes
        assert lo is not None
        first = (_as_datetime(lo) - _EPOCH) // dt.timedelta(microseconds=1)
        micros = first + index.astype(np.int64) * (step // dt.timedelta(microseconds=1))
        stamps = pl.Series(micros).cast(pl.Datetime("us"))
        return stamps.cast(pl.Date) if f.type is FieldType.DATE else stamps
    if f.pattern and FIELD_TRAITS[f.type].patterned:
        return pattern_values(f.pattern, index)
    assert lo is not None  # checked by composite_sizes
    return pl.Series(index.astype(np.int64) + math.ceil(lo)).cast(dtype)
