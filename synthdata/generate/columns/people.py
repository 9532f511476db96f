"""People: first and last names, full names, usernames and e-mail addresses.

Fields of one person in a row (a role such as ``billing_``) draw the same name indexes through
:meth:`Batch.latent`, so an e-mail is made from the name beside it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from synthdata import _rng
from synthdata.generate import vocab
from synthdata.generate.columns.words import animal_kind
from synthdata.generate.context import Batch, group_of
from synthdata.schema import Field

__all__ = ["email", "first_name", "last_name", "name", "person", "unique_suffix", "username"]


def _person(batch: Batch, f: Field) -> dict[str, npt.NDArray[np.int64]]:
    """Indexes of the row's first and last names in the locale's pool, shared by a role."""
    group = _person_group(batch, f)
    locale = batch.locale(f)

    def make() -> dict[str, npt.NDArray[np.int64]]:
        size = vocab.people(locale).height
        return {
            "first": batch.choice(size, "person", group, "first"),
            "last": batch.choice(size, "person", group, "last"),
        }

    return batch.latent(("person", group, locale), make)


def person(batch: Batch, f: Field) -> dict[str, npt.NDArray[np.int64]]:
    """The row's person for field ``f`` (its role's): indexes of first and last names."""
    return _person(batch, f)


def _person_group(batch: Batch, f: Field) -> str:
    if f.derived_from is not None:
        return group_of(f.derived_from, "person")
    return group_of(f.name, "person")


#: Names people give their animals (a shelter's cats were "Karen" and "Duane").
PET_NAMES = (
    "Luna Bella Milo Charlie Max Oliver Lucy Daisy Leo Simba Coco Bailey Molly Rocky Loki "
    "Nala Oscar Cooper Ruby Teddy Willow Poppy Buddy Ginger Smokey Shadow Pepper Misty Jasper "
    "Tiger Maple Biscuit Pumpkin Olive Rosie Bear Duke Sadie Toby Zoe Finn Hazel Murphy Penny "
    "Winston Nova Archie Marley Harley Lola Pixie Storm Dusty Honey Mocha Buster Bruno Cleo "
    "Felix Gizmo Juniper Kiki Louie Mabel Nico Peanut Pickles Rusty Sasha Thor Ziggy Apollo "
    "Bonnie Clover Dexter Ember Fern Gus Indie Jax Kona Lulu Mango Noodle Otis Pip Remy Sunny"
).split()
_PET_NAME_FIELDS = frozenset({"name", "pet_name", "animal_name", "call_name", "barn_name"})


def first_name(batch: Batch, f: Field) -> pl.Series:
    if f.name in _PET_NAME_FIELDS and animal_kind(batch.schema.name) is not None:
        return pl.Series(PET_NAMES, dtype=pl.String).gather(batch.choice(len(PET_NAMES), f.name))
    return vocab.people(batch.locale(f))["first"].gather(_person(batch, f)["first"])


def last_name(batch: Batch, f: Field) -> pl.Series:
    return vocab.people(batch.locale(f))["last"].gather(_person(batch, f)["last"])


def name(batch: Batch, f: Field) -> pl.Series:
    first, last = pl.lit(first_name(batch, f)), pl.lit(last_name(batch, f))
    parts = [last, first] if batch.locale(f) == "ja_JP" else [first, last]
    return pl.select(pl.concat_str(parts, separator=" ")).to_series()


def unique_suffix(batch: Batch, f: Field) -> pl.Series:
    """Digits from a permuted row index: distinct per row, and random-looking."""
    # A power of two needs no cycle-walking, so the permutation is one pass.
    capacity = 1 << max(7, (4 * batch.plan.volume).bit_length())
    key = batch.key(f.name, "suffix")
    return pl.Series(_rng.permute(batch.index(), capacity, key).astype(np.int64)).cast(pl.String)


_SUFFIXES = pl.Series(["", *(str(i) for i in range(100))])


def _handle_parts(batch: Batch, f: Field) -> list[pl.Expr]:
    """An e-mail local part or username made from the row's person, as expressions to join.

    The style (``first.last``, ``flast``, ``first_last``, ``firstl``) picks a head made from the
    first name and a tail made from the last name out of per-locale pools, so a row costs two
    gathers instead of one string operation per style.
    """
    heads, tails = vocab.handle_parts(batch.locale(f))
    p = _person(batch, f)
    size = len(heads) // vocab.HANDLE_STYLES
    style = batch.choice(vocab.HANDLE_STYLES, f.name, "style")
    head = heads.gather(style * size + p["first"])
    tail = tails.gather(style * size + p["last"])
    if f.is_unique:
        suffix = unique_suffix(batch, f)
    else:
        digits = batch.choice(100, f.name, "digits") + 1
        suffix = _SUFFIXES.gather(np.where(batch.uniform(f.name, "keep") < 0.3, digits, 0))
    return [pl.lit(head), pl.lit(tail), pl.lit(suffix)]


def username(batch: Batch, f: Field) -> pl.Series:
    return pl.select(pl.concat_str(_handle_parts(batch, f))).to_series()


def email(batch: Batch, f: Field) -> pl.Series:
    domains, free = vocab.email_domains(batch.locale(f))
    own = free + batch.choice(len(domains) - free, f.name, "domain")
    pick = np.where(batch.uniform(f.name, "kind") < 0.6, batch.choice(free, f.name, "free"), own)
    parts = [*_handle_parts(batch, f), pl.lit("@"), pl.lit(domains.gather(pick))]
    return pl.select(pl.concat_str(parts)).to_series()
