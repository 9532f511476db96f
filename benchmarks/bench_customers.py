"""Benchmark (a): an 8-column customers table generated and written to CSV.

synthdata writes 1,000,000 rows; Faker and Mimesis, row by row with the csv module, write a smaller
slice and are compared by rows per second, all in the same run (the machine is shared and noisy).
Usage: python benchmarks/bench_customers.py [--rows 1000000] [--peer-rows 20000] [--repeat 5]
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
    parser.add_argument("--repeat", type=int, default=5, help="interleaved rounds; best counts")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    sd.sample([CUSTOMERS], rows=10)  # build the vocabularies once, as any long-running user would
    runs = (
        ("synthdata", with_synthdata, args.rows),
        ("faker", with_faker, args.peer_rows),
        ("mimesis", with_mimesis, args.peer_rows),
    )
    # Rounds interleave the three tools so a noisy moment on this shared machine hits them alike;
    # each tool's best round is its rate (as timeit does), and every round's ratio is shown too.
    rates: dict[str, list[float]] = {name: [] for name, _, _ in runs}
    for round_no in range(1, args.repeat + 1):
        for name, fn, rows in runs:
            seconds, _ = timed(lambda fn=fn, rows=rows, name=name: fn(rows, OUT / f"{name}.csv"))
            rates[name].append(rows / seconds)
            print(f"round {round_no}  {name:<10} {rows:>10,} rows in {seconds:7.2f} s")
        ours = rates["synthdata"][-1]
        print(
            f"round {round_no}  synthdata / faker = {ours / rates['faker'][-1]:.0f}x"
            f", / mimesis = {ours / rates['mimesis'][-1]:.1f}x"
        )
    best = {name: max(r) for name, r in rates.items()}
    for name, rate in best.items():
        print(f"best       {name:<10} {rate:>12,.0f} rows/s")
    print(f"synthdata / faker   = {best['synthdata'] / best['faker']:8.0f}x")
    print(f"synthdata / mimesis = {best['synthdata'] / best['mimesis']:8.1f}x")
    shutil.rmtree(OUT / "synthdata_csv", ignore_errors=True)


if __name__ == "__main__":
    main()
