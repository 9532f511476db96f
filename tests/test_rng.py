import numpy as np
from hypothesis import given, strategies as st

from synthdata import _rng


@given(size=st.integers(1, 5000), key=st.integers(0, 2**64 - 1))
def test_permute_is_a_bijection(size, key):
    out = _rng.permute(np.arange(size, dtype=np.uint64), size, key)
    assert sorted(out.tolist()) == list(range(size))


@given(start=st.integers(0, 10**12), n=st.integers(1, 100), split=st.integers(0, 100))
def test_streams_are_addressed_by_row(start, n, split):
    """Draws for a row are the same whether fetched alone or inside a larger batch."""
    split = min(split, n)
    whole = _rng.raw(1, 2, start, n, per_row=2)
    head = _rng.raw(1, 2, start, split, per_row=2) if split else np.empty((0, 2), np.uint64)
    tail = _rng.raw(1, 2, start + split, n - split, per_row=2) if n > split else np.empty((0, 2))
    assert np.array_equal(whole, np.vstack([head.reshape(-1, 2), tail.reshape(-1, 2)]))


def test_mix64_is_injective_on_a_range():
    out = _rng.mix64(np.arange(1_000_000, dtype=np.uint64), 99)
    assert np.unique(out).size == 1_000_000


def test_uniform_is_in_unit_interval():
    u = _rng.uniform(0, 1, 0, 100_000)
    assert u.min() >= 0.0
    assert u.max() < 1.0
    assert abs(u.mean() - 0.5) < 0.01
