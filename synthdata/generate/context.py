"""What a column generator sees: one batch of one table, and its vectorized draw helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field as dc_field
from typing import TypeVar, cast

import numpy as np
import numpy.typing as npt
import polars as pl

from synthdata import _rng
from synthdata.generate.plan import TablePlan
from synthdata.schema import Field, Schema

__all__ = ["Batch", "ColumnGenerator", "group_of", "noise_bytes"]

T = TypeVar("T")


@dataclass
class Batch:
    """Rows ``start … start+n-1`` of one table, with the columns generated so far."""

    plan: TablePlan
    start: int
    n: int
    columns: dict[str, pl.Series] = dc_field(default_factory=dict)
    #: Orderable columns as drawn, before their nulls: what later milestones are ordered after
    #: and what a status rule sets (a null shipped date still has a place in the row's order).
    dense: dict[str, pl.Series] = dc_field(default_factory=dict)
    _latent: dict[Hashable, object] = dc_field(default_factory=dict)
    #: Explicit row indexes (a parent's rows that a child batch refers to) instead of a range.
    rows: npt.NDArray[np.uint64] | None = None

    @property
    def schema(self) -> Schema:
        return self.plan.schema

    def index(self) -> npt.NDArray[np.uint64]:
        """The absolute row indexes of this batch."""
        if self.rows is not None:
            return self.rows
        return np.arange(self.start, self.start + self.n, dtype=np.uint64)

    def key(self, *parts: object) -> int:
        return _rng.stream_key(self.plan.schema.name, *parts)

    def uniform(self, *parts: object, per_row: int = 1) -> npt.NDArray[np.float64]:
        """Uniform [0, 1) draws for this batch from the stream named by ``parts``."""
        if self.rows is not None or (parts and parts[0] in self.plan.gathered):
            draws = self.raw(*parts, per_row=per_row) >> np.uint64(11)
            return draws.astype(np.float64) * (1.0 / (1 << 53))
        return _rng.uniform(self.plan.seed, self.key(*parts), self.start, self.n, per_row)

    def raw(self, *parts: object, per_row: int = 1) -> npt.NDArray[np.uint64]:
        """Draws of the stream named by ``parts``; a column other tables read (``gathered``)
        draws by row index alone, so they can compute it again for any rows."""
        if self.rows is not None or (parts and parts[0] in self.plan.gathered):
            return _rng.addressed(self.plan.seed, self.key(*parts), self.index(), per_row)
        return _rng.raw(self.plan.seed, self.key(*parts), self.start, self.n, per_row)

    def choice(self, size: int, *parts: object) -> npt.NDArray[np.int64]:
        """Uniform indexes into a pool of ``size``."""
        return np.minimum((self.uniform(*parts) * size).astype(np.int64), size - 1)

    def latent(self, name: Hashable, make: Callable[[], T]) -> T:
        """Memoize draws shared by several fields of a row (a person, an address).

        The memo belongs to this batch and goes with it.
        """
        if name not in self._latent:
            self._latent[name] = make()
        # The memo holds values of many types; a name always maps to what its ``make`` returns.
        return cast(T, self._latent[name])

    def locale(self, f: Field) -> str:
        return f.locale or self.plan.locale

    def meaning(self, f: Field) -> str | None:
        """What a field of this table holds (see :mod:`synthdata.schema.semantics`)."""
        return self.plan.meaning(f)


#: A column generator: one field's values for one batch (see :mod:`synthdata.generate.columns`).
ColumnGenerator = Callable[[Batch, Field], pl.Series]


def noise_bytes(batch: Batch, width: int, *parts: object) -> npt.NDArray[np.uint8]:
    """A contiguous ``(n, ≥width)`` uint8 matrix of random bytes (whole 64-bit draws per row)."""
    words = (width + 7) // 8
    draws = batch.raw(*parts, per_row=words).reshape(batch.n, words)
    return draws.view(np.uint8).reshape(batch.n, words * 8)


_PERSON_TOKENS = re.compile(
    r"(^|_)(first_?name|given_name|forename|last_?name|surname|family_name|full_?name|name|"
    r"email(_address)?|e_?mail|user_?name|login|handle)$"
)
_ADDRESS_TOKENS = re.compile(
    r"(^|_)(street(_address)?|address(_line_?1)?|city|town|state|province|region|county|"
    r"postal_code|post_?code|zip(_?code)?|country|latitude|lat|longitude|lng|lon)$"
)


def group_of(name: str, kind: str) -> str:
    """The role a person or address field belongs to: ``billing_city`` → ``billing``.

    Fields of one role in one row share one person (or one address record), so a customer's email
    is made from their name and a city agrees with its state.
    """
    pattern = _PERSON_TOKENS if kind == "person" else _ADDRESS_TOKENS
    return pattern.sub("", name.lower()).strip("_")
