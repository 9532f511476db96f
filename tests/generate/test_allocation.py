"""Child-to-parent allocation: exact totals, bounds, linear-time tie-breaking, small plans."""

import pickle

import numpy as np
from hypothesis import given, settings, strategies as st

import synthdata as sd
from synthdata.generate import allocation
from synthdata.generate.plan import plan_tables


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from([-1.0, 0.0, 0.25, 0.5, 0.75, 1.0]), min_size=1, max_size=60),
    st.data(),
)
def test_heaviest_picks_what_a_stable_sort_picks(values, data):
    k = data.draw(st.integers(min_value=1, max_value=len(values)))
    array = np.array(values)
    expected = np.argsort(-array, kind="stable")[:k]
    assert sorted(allocation._heaviest(array, k).tolist()) == sorted(expected.tolist())


@settings(max_examples=60, deadline=None)
@given(
    parents=st.integers(min_value=1, max_value=300),
    lo=st.integers(min_value=0, max_value=3),
    width=st.one_of(st.none(), st.integers(min_value=0, max_value=5)),
    skewed=st.booleans(),
    data=st.data(),
)
def test_allocations_are_exact_and_bounded(parents, lo, width, skewed, data):
    hi = None if width is None else lo + width
    most = parents * (hi if hi is not None else lo + 10)
    total = data.draw(st.integers(min_value=parents * lo, max_value=most))
    cum = allocation.Allocation(7, 11, parents, total, lo, hi, skewed).cumulative()
    counts = np.diff(cum, prepend=0)
    assert cum[-1] == total
    assert counts.min() >= lo
    if hi is not None:
        assert counts.max() <= hi
    assert not cum.flags.writeable  # shared by every batch of the table


def test_plans_carry_the_recipe_not_the_counts():
    """A plan for a million child rows stays small, so it travels cheaply to worker processes."""
    parent = {"name": "p", "volume": 500_000, "fields": [{"name": "id", "type": "UUID"}]}
    child = {
        "name": "c",
        "volume": 1_000_000,
        "fields": [
            {"name": "id", "type": "UUID", "primary_key": True},
            {"name": "p_id", "type": "UUID", "references": "p", "cardinality": {"max": 5}},
        ],
    }
    schemas = sd.load_schemas([parent, child])
    plans = plan_tables(schemas, seed=1)
    assert len(pickle.dumps(plans[-1])) < 20_000
    assert plans[-1].allocations["p_id"].cumulative()[-1] == 1_000_000
