"""A corpus whose text holds the values that break naive exporters."""

from __future__ import annotations

from pathlib import Path

import polars as pl

import synthdata as sd

HOSTILE = [
    "O'Brien",
    "back\\slash \\' \\\\",
    "'; DROP TABLE x; --",
    "emoji 😀🎉 and ünïcödé",
    "nul\x00byte",
    "line\nbreak\r\nwindows",
    "x" * 10_240,
    "=1+1",
    "@SUM(A1)",
    '"quoted", with comma',
    "",
    "tab\there",
    "RTL مرحبا بالعالم ‏שלום עולם‎ mixed",
]


def hostile_corpus(out: Path, *, format: str = "parquet") -> sd.Corpus:
    """Two tables (notes → authors); notes.body holds every hostile value, one per row."""
    schemas = sd.load_schemas(
        [
            {
                "name": "authors",
                "volume": 5,
                "fields": [
                    {"name": "id", "type": "UUID", "primary_key": True},
                    {"name": "name", "type": "NAME"},
                    {"name": "joined", "type": "DATE"},
                    {"name": "active", "type": "BOOLEAN"},
                ],
            },
            {
                "name": "notes",
                "volume": len(HOSTILE),
                "fields": [
                    {"name": "id", "type": "INTEGER", "primary_key": True},
                    {"name": "author_id", "type": "UUID", "references": "authors.id"},
                    {"name": "body", "type": "TEXT"},
                    {"name": "score", "type": "FLOAT"},
                    {"name": "price", "type": "AMOUNT"},
                    {"name": "written_at", "type": "DATETIME"},
                    {"name": "remark", "type": "STRING", "required": False, "null_rate": 0.5},
                ],
            },
        ]
    )
    corpus = sd.generate(schemas, seed=3, out_dir=out, format=format)
    part = corpus.tables["notes"][0]
    frame = pl.read_parquet(part).with_columns(pl.Series("body", HOSTILE))
    frame.write_parquet(part)
    return corpus
