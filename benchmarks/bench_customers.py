"""Benchmark (a): an 8-column customers table generated and written to CSV.

synthdata writes 1,000,000 rows; Faker and Mimesis, row by row with the csv module, write a smaller
slice and are compared by rows per second, all in the same run (the machine is shared and noisy).
Usage: python benchmarks/bench_customers.py [--rows 1000000] [--peer-rows 20000]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CUSTOMERS, OUT, timed

import synthdata as sd


def with_synthdata(rows: int, path: Path) -> None:
    sd.generate(
        [CUSTOMERS],
        total_rows=rows,
        seed=1,
        out_dir=path.parent / "synthdata_csv",
        batch_size=100_000,
        workers=2,
        format="csv",
    )


def with_faker(rows: int, path: Path) -> None:
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(1)
    rng = random.Random(1)
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(CUSTOMERS.field_names)
        for i in range(rows):
            first, last = fake.first_name(), fake.last_name()
            out.writerow(
                [
                    fake.uuid4(),
                    first,
                    last,
                    f"{first}.{last}{i}@{fake.free_email_domain()}".lower(),
                    fake.phone_number(),
                    fake.city(),
                    fake.date_between("-5y", "today"),
                    round(rng.lognormvariate(7, 1.2), 2),
                ]
            )


def with_mimesis(rows: int, path: Path) -> None:
    from mimesis import Address, Cryptographic, Datetime, Person
    from mimesis.locales import Locale

    person, address = Person(Locale.EN, seed=1), Address(Locale.EN, seed=1)
    when, crypto = Datetime(Locale.EN, seed=1), Cryptographic(seed=1)
    rng = random.Random(1)
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(CUSTOMERS.field_names)
        for i in range(rows):
            first, last = person.first_name(), person.last_name()
            out.writerow(
                [
                    crypto.uuid(),
                    first,
                    last,
                    f"{first}.{last}{i}@example.com".lower(),
                    person.telephone(),
                    address.city(),
                    when.date(start=2020, end=2025),
                    round(rng.lognormvariate(7, 1.2), 2),
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--peer-rows", type=int, default=20_000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    sd.sample([CUSTOMERS], rows=10)  # build the vocabularies once, as any long-running user would
    rates = {}
    for name, fn, rows in (
        ("synthdata", with_synthdata, args.rows),
        ("faker", with_faker, args.peer_rows),
        ("mimesis", with_mimesis, args.peer_rows),
    ):
        seconds, _ = timed(lambda fn=fn, rows=rows, name=name: fn(rows, OUT / f"{name}.csv"))
        rates[name] = rows / seconds
        print(f"{name:<10} {rows:>10,} rows in {seconds:7.2f} s = {rates[name]:>12,.0f} rows/s")
    print(f"synthdata / faker   = {rates['synthdata'] / rates['faker']:8.0f}x")
    print(f"synthdata / mimesis = {rates['synthdata'] / rates['mimesis']:8.1f}x")
    shutil.rmtree(OUT / "synthdata_csv", ignore_errors=True)


if __name__ == "__main__":
    main()
