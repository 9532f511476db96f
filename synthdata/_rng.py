"""Random draws addressed by row index.

Every value synthdata generates is a pure function of ``(seed, table, column, row index)``.
A stream is a PCG64 generator keyed by ``(seed, table, column, purpose)`` and advanced to the
first row of the batch, so a batch of rows ``[start, start + n)`` gets the same draws whatever the
batch size, order or worker. There is no module-level generator.
"""

from __future__ import annotations

import hashlib

import numpy as np

__all__ = ["addressed", "mix64", "permute", "raw", "stream_key", "uniform"]

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def stream_key(*parts: object) -> int:
    """A stable 64-bit key for the names of a stream (independent of PYTHONHASHSEED)."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def raw(seed: int, key: int, start: int, n: int, per_row: int = 1) -> np.ndarray:
    """Return ``n × per_row`` uint64 draws for rows ``start … start+n-1`` of stream ``key``."""
    bitgen = np.random.PCG64(np.random.SeedSequence([seed, key & 0xFFFFFFFF, key >> 32]))
    if start:
        bitgen.advance(start * per_row)
    draws = bitgen.random_raw(n * per_row)
    return draws.reshape(n, per_row) if per_row > 1 else draws


def uniform(seed: int, key: int, start: int, n: int, per_row: int = 1) -> np.ndarray:
    """Uniform floats in [0, 1), one (or ``per_row``) per row."""
    return (raw(seed, key, start, n, per_row) >> np.uint64(11)) * (1.0 / (1 << 53))


def addressed(seed: int, key: int, index: np.ndarray, per_row: int = 1) -> np.ndarray:
    """``len(index) × per_row`` uint64 draws that depend on each row's index alone, not on a
    stream's position: what another table can compute again for any rows (a parent's creation
    date that a child's rows follow)."""
    rows = index.astype(np.uint64)
    if per_row > 1:
        first = np.repeat(rows * np.uint64(per_row), per_row)
        rows = first + np.tile(np.arange(per_row, dtype=np.uint64), len(index))
    draws = mix64(mix64(rows, seed), key)
    return draws.reshape(len(index), per_row) if per_row > 1 else draws


def mix64(x: np.ndarray, key: int) -> np.ndarray:
    """A keyed bijection on uint64 (splitmix64's finalizer): distinct inputs, distinct outputs."""
    x = x.astype(np.uint64, copy=True)
    x += np.uint64((key * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF)
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def _round(
    x: np.ndarray, bits: int, mask: np.uint64, mult: np.uint64, add: np.uint64
) -> np.ndarray:
    x = (x * mult + add) & mask
    return x ^ (x >> np.uint64(max(1, bits // 2)))


def permute(index: np.ndarray, size: int, key: int) -> np.ndarray:
    """A keyed permutation of ``[0, size)``, applied to ``index`` (each value below ``size``).

    Built from bijections on ``bits``-bit integers (multiply by an odd number, add, xor-shift) and
    cycle-walking back into range, so distinct indexes always map to distinct values.
    """
    if size <= 1:
        return np.zeros(len(index), dtype=np.uint64)
    bits = max(2, int(size - 1).bit_length())
    mask = np.uint64((1 << bits) - 1)
    consts = [(stream_key(key, r) | 1, stream_key(key, r, "add")) for r in range(3)]
    rounds = [(np.uint64(m) & mask, np.uint64(a) & mask) for m, a in consts]
    out = index.astype(np.uint64, copy=True)
    for mult, add in rounds:
        out = _round(out, bits, mask, mult, add)
    limit = np.uint64(size)
    todo = out >= limit
    # Cycle-walking: values that fell outside [0, size) step through the permutation again.
    while todo.any():
        y = out[todo]
        for mult, add in rounds:
            y = _round(y, bits, mask, mult, add)
        out[todo] = y
        todo[todo] = y >= limit
    return out


def _unround(
    x: np.ndarray, bits: int, mask: np.uint64, inverse: np.uint64, add: np.uint64
) -> np.ndarray:
    shift = max(1, bits // 2)
    y = x.copy()  # undo x ^ (x >> shift): y ^ (y >> shift) ^ (y >> 2 shift) ^ ...
    step = x >> np.uint64(shift)
    while step.any():
        y ^= step
        step >>= np.uint64(shift)
    return ((y - add) * inverse) & mask


def unpermute(value: np.ndarray, size: int, key: int) -> np.ndarray:
    """The inverse of :func:`permute`: the indexes that ``permute(·, size, key)`` sends to
    ``value`` (which child rows hold the given allocation slots)."""
    if size <= 1:
        return np.zeros(len(value), dtype=np.uint64)
    bits = max(2, int(size - 1).bit_length())
    mask = np.uint64((1 << bits) - 1)
    consts = [(stream_key(key, r) | 1, stream_key(key, r, "add")) for r in range(3)]
    rounds = [
        (np.uint64(pow(m & int(mask), -1, 1 << bits)), np.uint64(a) & mask)
        for m, a in reversed(consts)
    ]
    out = value.astype(np.uint64, copy=True)
    for inverse, add in rounds:
        out = _unround(out, bits, mask, inverse, add)
    limit = np.uint64(size)
    todo = out >= limit
    while todo.any():  # walk the cycle back into range
        y = out[todo]
        for inverse, add in rounds:
            y = _unround(y, bits, mask, inverse, add)
        out[todo] = y
        todo[todo] = y >= limit
    return out
