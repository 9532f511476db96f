"""Which fields never need quotes in CSV, decided from what their generators draw on."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import polars as pl

from synthdata._formats import CSV_SPECIAL
from synthdata.generate import keys, vocab, vocabularies
from synthdata.generate.columns import semantic
from synthdata.generate.plan import TablePlan
from synthdata.schema import Field
from synthdata.schema.traits import FIELD_TRAITS, CSVRule

__all__ = ["csv_plain"]


def _plain_strings(values: list[str] | tuple[str, ...]) -> bool:
    return not any(ch in value for value in values for ch in CSV_SPECIAL)


@lru_cache(maxsize=256)
def plain_pool(source: str, locale: str, part: str) -> bool:
    """Whether a vocabulary pool is free of CSV specials.

    Cache: filled by :func:`csv_plain` (the CSV sink asks once per batch), one scan per pool and
    process instead of one per batch; pools never change once built, so the answers stay for the
    life of the process (the last 256 pools asked about). Emptying it (see
    :mod:`synthdata.generate.caches`) only costs the rescans.
    """
    if source == "people":
        pool = vocab.people(locale)[part]
    elif source == "addresses":
        pool = vocab.addresses(locale)[part]
    elif source == "email_domains":
        pool = vocab.email_domains(locale)[0]
    elif source == "vocabularies":
        pool = pl.Series(vocabularies.load(part, locale), dtype=pl.String)
    else:
        pool = vocab.words(locale, part)
    return not pool.str.contains_any(CSV_SPECIAL).any()


def csv_plain(plan: TablePlan, f: Field, _depth: int = 0) -> bool:
    """Whether no value this field can take needs quoting in CSV.

    Decided from what the generator draws on (alphabets, patterns, enum values, vocabulary pools),
    never from the values themselves, so a CSV writer can skip scanning every value. ``False``
    when unsure: the writer then quotes where needed.
    """
    if f.name in plan.schema.composite_fields():
        return False  # a parent's key column, quoted where needed
    fk = next((k for k in plan.schema.foreign_keys if k.field == f.name), None)
    if fk is not None:  # the parent's key values
        parent = plan.schemas[fk.parent]
        if parent.primary_key is None or _depth > len(plan.schemas):
            return False
        key = parent.field(parent.primary_key)
        return csv_plain(replace(plan, schema=parent), key, _depth + 1)
    traits, locale = FIELD_TRAITS[f.type], f.locale or plan.locale
    if f.values is not None:  # the listed values, and what ``other`` draws
        strings = [v for v in f.listed() if isinstance(v, str)]
        own = f.model_copy(update={"values": None, "weights": None, "other": None})
        return _plain_strings(strings) and (not f.other or csv_plain(plan, own, _depth))
    rule = traits.csv
    if rule is CSVRule.PATTERN and traits.semantic and not (f.is_unique or f.pattern):
        # No code to spell: a STRING draws what its meaning is made of.
        made_of = semantic.sources(plan.meaning(f))
        if made_of.delegate is not None:
            return csv_plain(plan, f.model_copy(update={"type": made_of.delegate}), _depth)
        return (
            _plain_strings(made_of.values)
            and all(plain_pool("vocabularies", locale, kind) for kind in made_of.kinds)
            and all(plain_pool(p.source, p.locale or locale, p.part) for p in made_of.pools)
        )
    if rule is CSVRule.PATTERN:
        volume = plan.volumes.get(plan.schema.name, plan.volume)
        return _plain_strings([keys.code_pattern(f, volume)])
    if rule is CSVRule.TEMPLATES:
        if f.pattern:
            return _plain_strings([f.pattern])
        found = vocab.templates(locale, f.type.value.lower())
        return _plain_strings([t for t in found if t.isascii()])
    if rule is CSVRule.ENUM:
        return _plain_strings(f.enum_values or [])
    if rule is CSVRule.POOLS:
        return all(plain_pool(p.source, p.locale or locale, p.part) for p in traits.pools)
    return rule is CSVRule.PLAIN
