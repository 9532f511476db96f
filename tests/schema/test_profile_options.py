"""The options a profile writes (issue 17): quantiles, listed values with weights and an
``other`` share, and children-per-parent counts; checked when the schema is built."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from synthdata.schema import Cardinality, Field


def _field(**options: Any) -> Field:
    return Field.model_validate({"name": "x", **options})


def test_quantiles_parse_as_the_type_and_give_the_limits():
    f = _field(type="DATE", quantiles=["2020-01-01", "2020-01-01", dt.date(2021, 5, 1)])
    assert f.quantiles == ["2020-01-01", "2020-01-01", "2021-05-01"]  # ISO strings in JSON
    assert f.limits() == (dt.date(2020, 1, 1), dt.date(2021, 5, 1))
    assert f.bounds() == (None, None)
    bounded = _field(type="INTEGER", quantiles=[1, 5, 9], min=0)
    assert bounded.limits() == (0, 9)
    assert "quantiles 1..5..9 (3 points)" in bounded.details()
    again = Field.model_validate(f.model_dump(mode="json", exclude_none=True))
    assert again == f


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"type": "STRING", "quantiles": [1, 2]}, "apply to numbers, dates"),
        ({"type": "INTEGER", "quantiles": [3, 2]}, r"must not decrease \(quantiles\[1\] = 2"),
        ({"type": "INTEGER", "quantiles": [1]}, "2 to 1001"),
        ({"type": "INTEGER", "quantiles": list(range(1002))}, "2 to 1001"),
        ({"type": "INTEGER", "quantiles": [1, 20], "max": 10}, "beyond min None or max 10"),
        ({"type": "INTEGER", "quantiles": [1, 20], "min": 5}, "beyond min 5"),
        ({"type": "DATE", "quantiles": ["2020-01-01", "soon"]}, r"quantiles\[1\] 'soon'"),
        ({"type": "FLOAT", "quantiles": [1, None]}, "null"),
        ({"type": "FLOAT", "quantiles": [1, 2], "distribution": "normal"}, "drop distribution"),
        ({"type": "INTEGER", "quantiles": [1, 2], "unique": True}, "cannot go with unique"),
        ({"type": "INTEGER", "quantiles": [1, 2], "derived": "a + b"}, "cannot go with derived"),
    ],
)
def test_bad_quantiles_say_what_is_wrong(options: dict[str, Any], message: str):
    with pytest.raises(ValidationError, match=message):
        _field(**options)


def test_values_on_any_type_parse_as_the_type():
    assert _field(type="INTEGER", values=[1, "2", 3.0]).listed() == [1, 2, 3]
    assert _field(type="BOOLEAN", values=[True, False]).listed() == [True, False]
    dates = _field(type="DATE", values=["2021-01-01", dt.date(2022, 2, 2)], other=0.1)
    assert dates.listed() == [dt.date(2021, 1, 1), dt.date(2022, 2, 2)]
    f = _field(type="STRING", values=["DE", "FR"], weights=[3, 1], other=0.05)
    assert f.details() == "DE | FR + 5% other"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"type": "INTEGER", "values": [1.5]}, "not a whole number"),
        ({"type": "STRING", "values": [1]}, "not a string"),
        ({"type": "BOOLEAN", "values": ["yes"]}, "not true or false"),
        ({"type": "DATE", "values": ["someday"]}, "not a valid DATE"),
        ({"type": "STRING", "values": []}, "1 to 10000"),
        ({"type": "ENUM", "enum_values": ["a"], "values": ["a"]}, "in enum_values, not values"),
        ({"type": "STRING", "values": ["a", "b"], "weights": [1]}, "one non-negative weight"),
        ({"type": "STRING", "values": ["a"], "weights": [0]}, "positive sum"),
        ({"type": "STRING", "values": ["a"], "other": 1.5}, "less than or equal to 1"),
        ({"type": "STRING", "weights": [1]}, "weights and other need values"),
        ({"type": "STRING", "values": ["a"], "unique": True}, "cannot go with unique"),
        ({"type": "INTEGER", "values": [1], "references": "t"}, "cannot go with references"),
    ],
)
def test_bad_values_say_what_is_wrong(options: dict[str, Any], message: str):
    with pytest.raises(ValidationError, match=message):
        _field(**options)


def test_counts_as_a_list_or_by_number_of_children():
    dense = Cardinality(counts=[0.2, 0.0, 0.3, 0.5])
    sparse = Cardinality.model_validate({"counts": {"0": 2, "2": 3, "3": 5}})
    assert dense.shares() == sparse.shares() == ((0, 0.2), (2, 0.3), (3, 0.5))
    assert dense.expected() == pytest.approx(2.1)
    assert dense.bounded
    assert not Cardinality().bounded
    assert Cardinality().shares() == ()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"counts": [1, 2], "max": 3}, "drop max"),
        ({"counts": [1, 2], "mean": 1}, "drop mean"),
        ({"counts": [1, 2], "distribution": "zipf"}, "drop distribution"),
        ({"counts": []}, "1 to 10000"),
        ({"counts": [0, 0]}, "positive sum"),
        ({"counts": [1, -1]}, "non-negative"),
        ({"counts": {"-1": 1}}, "from 0 up"),
    ],
)
def test_bad_counts_say_what_is_wrong(options: dict[str, Any], message: str):
    with pytest.raises(ValidationError, match=message):
        Cardinality.model_validate(options)
