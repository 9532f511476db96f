import ipaddress
import json
import uuid

import numpy as np
import polars as pl
import pytest

import synthdata as sd
from synthdata.generate.columns import GENERATORS
from synthdata.generate.keys import UNIQUE_TYPES
from synthdata.schema import traits


def test_every_field_type_has_a_generator():
    assert set(GENERATORS) == set(sd.FieldType)


def _column(spec: dict, rows: int = 2000, seed: int = 0) -> pl.Series:
    schema = sd.Schema.model_validate(
        {"name": "t", "fields": [{"name": "id", "type": "UUID"}, spec]}
    )
    return sd.sample([schema], rows=rows, seed=seed)["t"][spec["name"]]


@pytest.mark.parametrize("kind", list(sd.FieldType))
def test_every_type_generates_its_dtype_without_nulls(kind):
    spec = {"name": "v", "type": kind.value}
    if kind is sd.FieldType.ENUM:
        spec["enum_values"] = ["a", "b"]
    values = _column(spec, rows=300)
    assert values.dtype == traits(kind).dtype
    assert values.null_count() == 0
    assert values.n_unique() > 1


@pytest.mark.parametrize("kind", sorted(UNIQUE_TYPES))
def test_unique_types_are_unique(kind):
    values = _column({"name": "v", "type": kind.value, "unique": True}, rows=5000)
    assert values.n_unique() == 5000


def test_uuids_are_version_4():
    for value in _column({"name": "v", "type": "UUID"}, rows=50):
        assert uuid.UUID(value).version == 4


def test_ibans_have_valid_check_digits():
    for locale in ("de_DE", "en_GB", "fr_FR", "es_ES"):
        schema = sd.Schema.model_validate(
            {
                "name": "t",
                "locale": locale,
                "fields": [{"name": "id", "type": "UUID"}, {"name": "iban", "type": "IBAN"}],
            }
        )
        for value in sd.sample([schema], rows=200)["t"]["iban"]:
            moved = value[4:] + value[:4]
            assert int("".join(str(int(c, 36)) for c in moved)) % 97 == 1, value
            assert value[:2] == locale[-2:]


def test_credit_cards_pass_luhn():
    for value in _column({"name": "v", "type": "CREDIT_CARD", "unique": True}, rows=500):
        digits = [int(c) for c in value[::-1]]
        total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
        assert total % 10 == 0
        assert len(value) == 16
        assert value[0] in "45"


def test_ip_addresses_parse():
    for value in _column({"name": "v", "type": "IP_ADDRESS"}, rows=300):
        ipaddress.IPv4Address(value)


def test_json_column_parses():
    for value in _column({"name": "v", "type": "JSON"}, rows=100):
        assert set(json.loads(value)) == {"tag", "score", "active"}


def test_enum_weights_shape_frequencies():
    values = _column(
        {"name": "v", "type": "ENUM", "enum_values": ["a", "b", "c"], "enum_weights": [6, 3, 1]},
        rows=10_000,
    )
    share = values.value_counts(normalize=True).sort("v")["proportion"].to_list()
    assert share == pytest.approx([0.6, 0.3, 0.1], abs=0.02)


@pytest.mark.parametrize(
    ("distribution", "check"),
    [
        ("uniform", lambda v: abs(np.mean(v) - 500) < 15),
        ("normal", lambda v: abs(np.median(v) - 500) < 15 and np.std(v) < 200),
        ("lognormal", lambda v: np.median(v) < np.mean(v) and np.median(v) < 100),
        ("zipf", lambda v: np.median(v) < 100),
    ],
)
def test_distributions(distribution, check):
    values = _column(
        {"name": "v", "type": "FLOAT", "min": 0, "max": 1000, "distribution": distribution},
        rows=10_000,
    ).to_numpy()
    assert values.min() >= 0
    assert values.max() <= 1000
    assert check(values)


def test_bounds_for_dates_and_times():
    dates = _column({"name": "v", "type": "DATE", "min": "2020-01-01", "max": "2020-01-31"})
    assert str(dates.min()) == "2020-01-01"
    assert str(dates.max()) == "2020-01-31"
    times = _column({"name": "v", "type": "TIME", "min": "09:00", "max": "17:00"})
    assert str(times.min()) >= "09:00:00"
    assert str(times.max()) <= "17:00:00"


def test_null_rate_is_honoured():
    values = _column(
        {"name": "v", "type": "STRING", "required": False, "null_rate": 0.25}, rows=10_000
    )
    assert values.null_count() / 10_000 == pytest.approx(0.25, abs=0.015)


def test_optional_field_defaults_to_ten_percent_nulls():
    values = _column({"name": "v", "type": "CITY", "required": False}, rows=10_000)
    assert values.null_count() / 10_000 == pytest.approx(0.10, abs=0.015)


def test_code_pattern_and_default_pattern():
    assert (
        _column({"name": "v", "type": "CODE", "pattern": "INV-#####"})
        .str.contains(r"^INV-\d{5}$")
        .all()
    )
    assert (
        _column({"name": "invoice_number", "type": "CODE", "unique": True})
        .str.contains(r"^IN-\d{5,}$|^INV-\d{5,}$")
        .all()
    )


def test_text_respects_max_length():
    values = _column({"name": "v", "type": "TEXT", "max": 40})
    assert values.str.len_chars().max() <= 40


def test_password_hashes_look_like_bcrypt():
    assert (
        _column({"name": "v", "type": "PASSWORD_HASH"})
        .str.contains(r"^\$2b\$12\$[./A-Za-z0-9]{53}$")
        .all()
    )


def test_ordering_constraint_between_datetimes():
    schema = sd.Schema.model_validate(
        {
            "name": "visits",
            "fields": [
                {"name": "id", "type": "UUID"},
                {"name": "ends_at", "type": "DATETIME"},
                {"name": "starts_at", "type": "DATETIME"},
            ],
            "constraints": ["ends_at > starts_at"],
        }
    )
    rows = sd.sample([schema], rows=5000)["visits"]
    assert (rows["ends_at"] > rows["starts_at"]).all()
