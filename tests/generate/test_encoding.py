"""The byte-level encoders behind UUIDs, codes and templates agree with Python's own formatting."""

import uuid

import numpy as np
from hypothesis import given, settings, strategies as st

from synthdata.generate import keys
from synthdata.generate.encoding import PLACEHOLDERS, bytes_to_series, fill_template

_U64 = st.integers(min_value=0, max_value=2**64 - 1)


def _expected_uuid(hi: int, lo: int) -> str:
    """The documented layout: version nibble 4, variant bits 10, the displaced nibble in ``lo``."""
    moved = (hi >> 12) & 0xF
    hi = (hi & ~0xF000 & (2**64 - 1)) | 0x4000
    lo = (lo & 0x03FFFFFFFFFFFFFF) | (moved << 58)
    lo = (lo & 0x3FFFFFFFFFFFFFFF) | 0x8000000000000000
    return str(uuid.UUID(int=(hi << 64) | lo))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(_U64, _U64), min_size=1, max_size=40))
def test_uuids_match_the_uuid_module(pairs):
    hi = np.array([p[0] for p in pairs], dtype=np.uint64)
    lo = np.array([p[1] for p in pairs], dtype=np.uint64)
    assert keys.uuids(hi, lo).to_list() == [_expected_uuid(a, b) for a, b in pairs]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.binary(min_size=0, max_size=12), min_size=1, max_size=30))
def test_bytes_to_series_drops_padding(values):
    width = max(len(v) for v in values)
    text = [bytes(b % 94 + 33 for b in v) for v in values]  # printable ASCII, never NUL
    matrix = np.zeros((len(text), width), dtype=np.uint8)
    for row, value in enumerate(text):
        matrix[row, : len(value)] = np.frombuffer(value, dtype=np.uint8)
    series = bytes_to_series(matrix, "v")
    assert series.name == "v"
    assert series.to_list() == [v.decode() for v in text]


def test_bytes_to_series_handles_empty_shapes():
    assert bytes_to_series(np.zeros((0, 4), dtype=np.uint8)).to_list() == []
    assert bytes_to_series(np.zeros((3, 0), dtype=np.uint8)).to_list() == ["", "", ""]
    assert bytes_to_series(np.zeros((2, 3), dtype=np.uint8)).to_list() == ["", ""]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.text("#?*-() AB9", min_size=1, max_size=10), min_size=1, max_size=4),
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=0, max_value=2**32),
)
def test_fill_template_matches_a_byte_by_byte_fill(templates, n, seed):
    rng = np.random.default_rng(seed)
    width = 2 * ((max(map(len, templates)) + 1) // 2)
    noise = rng.integers(0, 256, (n, width), dtype=np.uint8)
    pick = rng.integers(0, len(templates), n)
    expected = [
        "".join(
            chr(PLACEHOLDERS[ord(ch)][noise[row, col]]) if ord(ch) in PLACEHOLDERS else ch
            for col, ch in enumerate(templates[pick[row]])
        )
        for row in range(n)
    ]
    assert fill_template(templates, pick, noise).to_list() == expected
