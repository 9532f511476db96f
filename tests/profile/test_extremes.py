"""Privacy at the edges: quantiles end at the k-th smallest and largest values (only values fewer
than k rows reach are left out), and no parent's exact number of children is written, the
largest included."""

from __future__ import annotations

import itertools

import numpy as np
import polars as pl

from synthdata.profile.relations import pooled_counts
from synthdata.profile.shapes import quantile_points


def test_quantiles_end_at_the_kth_values():
    values = pl.Series("x", [-1000.0, *np.arange(1.0, 1001.0), 99999.0])
    points = quantile_points(values, 5)
    assert points[0] == 4.0  # the 5th smallest: -1000, 1, 2, 3, 4
    assert points[-1] == 997.0  # the 5th largest: 99999, 1000, 999, 998, 997
    assert all(a <= b for a, b in itertools.pairwise(points))
    whole = quantile_points(pl.Series("n", [1, 2, 2, 2, 2, 2, 2, 3, 9, 40, 41, 42]), 5)
    assert whole[0] == 2
    assert whole[-1] == 3  # the 5th largest: 42, 41, 40, 9, 3


def test_short_columns_end_at_their_median():
    """With fewer than 2k values no value has k rows on both sides but the middle."""
    assert quantile_points(pl.Series("x", [1.0, 2.0, 3.0, 50.0, 90.0, 91.0]), 5) == [26.5, 26.5]
    assert quantile_points(pl.Series("x", [3.0] * 9), 5) == [3.0, 3.0]


def test_the_largest_fan_out_is_pooled_too():
    hist = [(1, 3), (2, 2), (5, 1), (100, 1), (300, 1), (400, 1), (500, 1), (900, 1), (1000, 1)]
    hist += [(2000, 1), (3000, 1), (3500, 1), (7777, 1)]
    counts = pooled_counts(hist, 5)
    assert 7777 not in counts
    assert counts == {1: 0.3125, 261: 0.3125, 3030: 0.375}
    # A tail of fewer than k parents borrows the largest parents of a big pool before it.
    assert pooled_counts([(0, 1000), (1, 3)], 5) == {0: 0.995015, 1: 0.004985}
