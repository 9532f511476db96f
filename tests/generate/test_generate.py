import datetime as dt
import hashlib
import threading
from pathlib import Path

import polars as pl
import pytest

import synthdata as sd

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def shop() -> list[sd.Schema]:
    return sd.load_schemas(str(EXAMPLES / "shop.json"))


def _digest(corpus: sd.Corpus) -> dict[str, str]:
    out = {}
    for name in corpus.tables:
        frame = corpus.frame(name).collect()
        out[name] = hashlib.sha256(frame.write_csv().encode()).hexdigest()
    return out


def test_same_seed_same_bytes_for_batch_sizes_and_workers(shop, tmp_path):
    """1k vs 100k batches, one worker vs two: the data is byte-identical; another seed differs."""
    a = sd.generate(shop, total_rows=30_000, seed=7, out_dir=tmp_path / "a", batch_size=1_000)
    b = sd.generate(
        shop, total_rows=30_000, seed=7, out_dir=tmp_path / "b", batch_size=100_000, workers=2
    )
    c = sd.generate(shop, total_rows=30_000, seed=8, out_dir=tmp_path / "c", batch_size=1_000)
    assert _digest(a) == _digest(b)
    assert all(x != y for x, y in zip(_digest(a).values(), _digest(c).values(), strict=True))
    assert sd.validate(a).ok


def test_each_batch_file_is_a_pure_function_of_seed_and_index(shop, tmp_path):
    """Regenerating gives the same Parquet bytes, part by part."""
    a = sd.generate(shop, seed=3, out_dir=tmp_path / "a", batch_size=500)
    b = sd.generate(shop, seed=3, out_dir=tmp_path / "b", batch_size=500, workers=2)
    for name, parts in a.tables.items():
        assert [p.read_bytes() for p in parts] == [p.read_bytes() for p in b.tables[name]]


def test_total_rows_split_is_exact_and_proportional(shop, tmp_path):
    natural = sd.plan_volumes(shop)
    corpus = sd.generate(shop, total_rows=12_345, seed=1, out_dir=tmp_path)
    assert sum(corpus.row_counts.values()) == 12_345
    share = corpus.row_counts["customers"] / 12_345
    assert share == pytest.approx(natural["customers"] / sum(natural.values()), abs=0.01)
    assert sd.validate(corpus).ok


def test_volumes_follow_cardinalities(shop):
    """Orders scale from customers (mean 4); items from orders (1 to 5 each, mean 3)."""
    volumes = sd.plan_volumes(shop)
    assert volumes["customers"] == 2000
    assert volumes["orders"] == 8000
    assert volumes["order_items"] == 24000


def test_corpus_opens_from_its_manifest(shop, tmp_path):
    corpus = sd.generate(shop, seed=2, out_dir=tmp_path)
    again = sd.Corpus.open(tmp_path)
    assert again.row_counts == corpus.row_counts
    assert again.schemas == corpus.schemas
    assert again.frame("orders").collect().equals(corpus.frame("orders").collect())


def test_progress_is_monotonic_and_reaches_the_total(shop, tmp_path):
    events: list[sd.ProgressEvent] = []
    sd.generate(shop, seed=1, out_dir=tmp_path, batch_size=3000, progress=events.append, workers=2)
    done = [e.rows_done for e in events]
    assert done == sorted(done)
    assert events[-1].percent == 100.0
    assert events[-1].tables_done == events[-1].total_tables == len(shop)


def test_cancel_stops_within_a_batch_and_keeps_written_batches(shop, tmp_path):
    """Cancel raises CancelledError; finished batches stay on disk; the manifest says incomplete."""
    stop = threading.Event()
    seen: list[int] = []

    def on_progress(event: sd.ProgressEvent) -> None:
        seen.append(event.rows_done)
        if event.rows_done >= 2000:
            stop.set()

    with pytest.raises(sd.CancelledError):
        sd.generate(
            shop,
            seed=1,
            out_dir=tmp_path,
            batch_size=1000,
            progress=on_progress,
            cancel=stop.is_set,
        )
    parts = sorted((tmp_path / "customers").glob("part-*.parquet"))
    assert len(parts) == 2
    assert pl.read_parquet(parts[0]).height == 1000
    with pytest.raises(sd.InvalidInputError, match="incomplete"):
        sd.Corpus.open(tmp_path)


def test_people_fields_agree(shop):
    """An email is made from the same person's name; age matches birth date."""
    customers = sd.sample(shop, rows=200, seed=4)["customers"]
    local = customers["email"].str.split("@").list.first()
    first = customers["first_name"].str.to_lowercase().str.replace_all(r"[^a-z]", "")
    last = customers["last_name"].str.to_lowercase().str.replace_all(r"[^a-z]", "")
    for f, la, email in zip(first, last, local, strict=True):
        assert la in email or f in email, (f, la, email)
    assert sum(la in e for la, e in zip(last, local, strict=True)) > 0.7 * len(local)
    years = customers.select(
        ((pl.lit(dt.date(2025, 12, 31)) - pl.col("birth_date")).dt.total_days() / 365.2425)
        .floor()
        .cast(pl.Int64)
    ).to_series()
    assert (years == customers["age"]).all()


def test_address_parts_agree():
    """City, state and postal code come from one record: en_US postcodes fall in their state."""
    from faker.providers.address.en_US import Provider

    schema = sd.Schema.model_validate(
        {
            "name": "sites",
            "fields": [
                {"name": "id", "type": "UUID"},
                {"name": "state", "type": "STATE"},
                {"name": "postal_code", "type": "POSTAL_CODE"},
                {"name": "city", "type": "CITY"},
                {"name": "billing_state", "type": "STATE"},
            ],
        }
    )
    rows = sd.sample([schema], rows=300, seed=1)["sites"]
    abbr = dict(zip(Provider.states, [a for a in Provider.states_abbr if a != "DC"], strict=True))
    for state, code in rows.select("state", "postal_code").iter_rows():
        lo, hi = Provider.states_postcode[abbr[state]]
        assert lo <= int(code) <= hi, (state, code)
    assert (rows["state"] != rows["billing_state"]).any()  # another role, another address


@pytest.mark.parametrize(
    ("locale", "check"),
    [
        ("en_US", lambda r: r["country"].eq("United States").all()),
        ("en_GB", lambda r: r["country"].eq("United Kingdom").all()),
        ("de_DE", lambda r: r["country"].eq("Germany").all()),
        ("fr_FR", lambda r: r["country"].eq("France").all()),
        ("es_ES", lambda r: r["country"].eq("Spain").all()),
        ("ja_JP", lambda r: r["name"].str.contains(r"[\u3040-\u30ff\u4e00-\u9fff]").all()),
    ],
)
def test_locales(locale, check):
    """Names, addresses and phones come from the locale; emails stay ASCII."""
    schema = sd.Schema.model_validate(
        {
            "name": "people",
            "fields": [
                {"name": "id", "type": "UUID"},
                {"name": "name", "type": "NAME"},
                {"name": "email", "type": "EMAIL"},
                {"name": "phone", "type": "PHONE"},
                {"name": "city", "type": "CITY"},
                {"name": "country", "type": "COUNTRY"},
            ],
        }
    )
    rows = sd.sample([schema], rows=50, seed=2, locale=locale)["people"]
    assert check(rows)
    assert rows["email"].str.contains(r"^[a-z0-9._]+@[a-z0-9.-]+$").all()
    assert rows["phone"].str.contains(r"\d{2}").all()


def test_field_locale_overrides_table_locale():
    schema = sd.Schema.model_validate(
        {
            "name": "p",
            "locale": "de_DE",
            "fields": [
                {"name": "id", "type": "UUID"},
                {"name": "country", "type": "COUNTRY"},
                {"name": "city", "type": "CITY"},
                {"name": "fr_country", "type": "COUNTRY", "locale": "fr_FR"},
                {"name": "fr_city", "type": "CITY", "locale": "fr_FR"},
            ],
        }
    )
    rows = sd.sample([schema], rows=5)["p"]
    assert rows["country"].eq("Germany").all()
    assert rows["fr_country"].eq("France").all()


def _hierarchy(volume: int) -> list[sd.Schema]:
    return [
        sd.Schema.model_validate(
            {
                "name": "employees",
                "volume": volume,
                "fields": [
                    {"name": "id", "type": "INTEGER", "primary_key": True},
                    {"name": "manager_id", "type": "INTEGER", "references": "employees.id"},
                ],
            }
        )
    ]


def test_self_reference_is_acyclic_with_roots(tmp_path):
    corpus = sd.generate(_hierarchy(5000), seed=3, out_dir=tmp_path)
    rows = corpus.frame("employees").collect()
    manager = dict(rows.iter_rows())
    assert manager[1] is None
    assert all(m is None or m < e for e, m in manager.items())  # earlier rows only: no cycles
    roots = sum(m is None for m in manager.values())
    assert roots == 250  # 5 % of rows
    assert sd.validate(corpus).ok


def _junction(volume: int, cardinality: dict | None = None) -> list[sd.Schema]:
    enrol = {"name": "student_id", "type": "UUID", "references": "students"}
    if cardinality:
        enrol["cardinality"] = cardinality
    return sd.load_schemas(
        [
            {"name": "students", "volume": 40, "fields": [{"name": "id", "type": "UUID"}]},
            {"name": "courses", "volume": 10, "fields": [{"name": "id", "type": "UUID"}]},
            {
                "name": "enrolments",
                "volume": volume,
                "fields": [
                    {"name": "id", "type": "UUID"},
                    enrol,
                    {"name": "course_id", "type": "UUID", "references": "courses"},
                ],
                "unique_together": [["student_id", "course_id"]],
            },
        ]
    )


def test_junction_pairs_are_unique(tmp_path):
    corpus = sd.generate(_junction(400), seed=1, out_dir=tmp_path, batch_size=37)
    pairs = corpus.frame("enrolments").collect().select("student_id", "course_id")
    assert pairs.n_unique() == 400  # every possible pair, each once
    assert sd.validate(corpus).ok


def test_junction_with_bounded_cardinality(tmp_path):
    corpus = sd.generate(_junction(120, {"min": 2, "max": 4}), seed=1, out_dir=tmp_path)
    report = sd.validate(corpus)
    assert report.ok, report.summary()


def test_junction_over_capacity_is_a_clear_error(tmp_path):
    with pytest.raises(sd.InvalidInputError) as info:
        sd.generate(_junction(401), seed=1, out_dir=tmp_path)
    assert str(info.value) == (
        "Table 'enrolments' needs 401 distinct (student_id, course_id) pairs but its parents "
        "allow only 400"
    )


def test_bounded_cardinality_holds_per_parent(tmp_path):
    schemas = sd.load_schemas(
        [
            {"name": "orders", "volume": 1000, "fields": [{"name": "id", "type": "UUID"}]},
            {
                "name": "items",
                "fields": [
                    {"name": "id", "type": "UUID"},
                    {
                        "name": "order_id",
                        "type": "UUID",
                        "references": "orders",
                        "cardinality": {"min": 1, "max": 5},
                    },
                ],
            },
        ]
    )
    corpus = sd.generate(schemas, seed=5, out_dir=tmp_path, batch_size=999)
    counts = corpus.frame("items").group_by("order_id").len().collect()["len"]
    assert len(counts) == 1000
    assert counts.min() >= 1
    assert counts.max() <= 5
    assert corpus.row_counts["items"] == 3000


def test_zipf_fan_out_is_skewed(tmp_path):
    schemas = sd.load_schemas(
        [
            {"name": "users", "volume": 1000, "fields": [{"name": "id", "type": "UUID"}]},
            {
                "name": "events",
                "volume": 50_000,
                "fields": [
                    {"name": "id", "type": "UUID"},
                    {
                        "name": "user_id",
                        "type": "UUID",
                        "references": "users",
                        "cardinality": {"distribution": "zipf"},
                    },
                ],
            },
        ]
    )
    corpus = sd.generate(schemas, seed=1, out_dir=tmp_path)
    counts = corpus.frame("events").group_by("user_id").len().collect()["len"].sort(descending=True)
    assert counts[:100].sum() / 50_000 > 0.3  # the top 10 % of users make over 30 % of events


def test_optional_foreign_key_to_an_empty_parent_is_null(tmp_path):
    schemas = sd.load_schemas(
        [
            {"name": "a", "volume": 0, "fields": [{"name": "id", "type": "UUID"}]},
            {
                "name": "b",
                "volume": 10,
                "fields": [
                    {"name": "id", "type": "UUID"},
                    {"name": "a_id", "type": "UUID", "references": "a", "required": False},
                ],
            },
        ]
    )
    corpus = sd.generate(schemas, out_dir=tmp_path)
    assert corpus.frame("b").collect()["a_id"].null_count() == 10
    assert corpus.frame("a").collect().height == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seed": -1}, "seed must be a whole number from 0 to 9223372036854775807 (got -1)"),
        ({"batch_size": 0}, "batch_size must be a whole number of at least 1 (got 0)"),
        ({"workers": 0}, "workers must be a whole number of at least 1 (got 0)"),
        ({"total_rows": -5}, "total_rows must be at least 0 (got -5)"),
        ({"locale": "xx_XX"}, "Unknown locale 'xx_XX'."),
    ],
)
def test_bad_options_are_clear_errors(shop, tmp_path, kwargs, message):
    with pytest.raises(sd.InvalidInputError) as info:
        sd.generate(shop, out_dir=tmp_path, **kwargs)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (
            {"name": "flag", "type": "BOOLEAN", "unique": True},
            "Field 't.flag': BOOLEAN cannot be unique",
        ),
        (
            {"name": "n", "type": "INTEGER", "unique": True, "min": 1, "max": 5},
            "Field 't.n' must be unique but can take only 5 distinct values for 10 rows",
        ),
        (
            {"name": "c", "type": "CODE", "unique": True, "pattern": "A-#"},
            "Field 't.c' must be unique but can take only 10 distinct values for 11 rows",
        ),
    ],
)
def test_impossible_uniqueness_is_a_clear_error(tmp_path, field, message):
    schema = sd.Schema.model_validate(
        {
            "name": "t",
            "volume": 11 if "CODE" in field["type"] else 10,
            "fields": [{"name": "id", "type": "UUID"}, field],
        }
    )
    with pytest.raises(sd.InvalidInputError, match=message.replace("(", r"\(")):
        sd.generate([schema], out_dir=tmp_path)


def test_primary_key_type_is_checked(tmp_path):
    schema = sd.Schema.model_validate(
        {"name": "t", "primary_key": "who", "fields": [{"name": "who", "type": "NAME"}]}
    )
    with pytest.raises(sd.InvalidInputError, match="Table 't': a primary key must be one of"):
        sd.generate([schema], out_dir=tmp_path)


def test_sample_rows_are_bounded():
    schema = sd.Schema(name="t", fields=[sd.Field(name="id", type="UUID")])
    with pytest.raises(sd.InvalidInputError, match="rows must be a whole number from 1 to 10000"):
        sd.sample([schema], rows=0)


def test_vocabularies_do_not_depend_on_build_order(shop):
    """Each vocabulary pool has its own seeded Faker: building others first changes nothing."""
    import subprocess
    import sys

    script = (
        "import hashlib, sys, synthdata as sd\n"
        "from synthdata.generate import vocab\n"
        "if sys.argv[1] == 'shuffled':\n"
        "    vocab.words('en_US', 'company'); vocab.addresses('en_US'); vocab.people('de_DE')\n"
        f"frames = sd.sample(sd.load_schemas({str(EXAMPLES / 'shop.json')!r}), rows=200, seed=5)\n"
        "text = ''.join(f.write_csv() for f in frames.values())\n"
        "print(hashlib.sha256(text.encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script, order], capture_output=True, text=True, check=True
        ).stdout
        for order in ("plain", "shuffled")
    }
    assert len(digests) == 1


def test_csv_corpus_matches_parquet_corpus(shop, tmp_path):
    """Streaming straight to CSV gives the same data as the Parquet corpus."""
    from polars.testing import assert_frame_equal

    csv = sd.generate(
        shop,
        total_rows=20_000,
        seed=4,
        out_dir=tmp_path / "c",
        format="csv",
        batch_size=999,
        workers=2,
    )
    parquet = sd.generate(shop, total_rows=20_000, seed=4, out_dir=tmp_path / "p")
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == [
        "customers.csv",
        "employees.csv",
        "manifest.json",
        "order_items.csv",
        "orders.csv",
        "products.csv",
    ]
    for name in parquet.tables:
        assert_frame_equal(csv.frame(name).collect(), parquet.frame(name).collect())
    assert sd.validate(sd.Corpus.open(tmp_path / "c")).ok


def test_unknown_corpus_format(shop, tmp_path):
    with pytest.raises(sd.InvalidInputError, match="Unknown corpus format 'xlsx'"):
        sd.generate(shop, out_dir=tmp_path, format="xlsx")
