"""The offline vocabularies: every kind loads (any locale falls back to en_US), meets its minimum
size, and holds clean, distinct, original-looking entries; templates expand the same way every
time; the data files ship in the wheel."""

from __future__ import annotations

import ast
import re
import shutil
import string
import sys
import tomllib
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

from synthdata.errors import InvalidInputError
from synthdata.generate import vocabularies
from synthdata.generate.caches import CACHES
from synthdata.generate.vocabularies import KINDS, POOL_SIZE, TEMPLATED, expand, load

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "synthdata" / "generate" / "vocabularies"
EN_US = HERE / "en_US"

#: The smallest size each kind may have (templated kinds: their pool, hand-written + expanded).
MINIMUMS = {
    **dict.fromkeys(TEMPLATED, 1000),
    "departments": 60,
    "team_names": 60,
    "job_titles": 200,
    "ticket_subjects": 200,
    **{kind: 120 for kind in KINDS if kind.startswith("products_")},
    "product_categories": 60,
    **{f"reviews_{stars}": 100 for stars in range(1, 6)},
    "skills": 150,
    "tags": 150,
    "dog_breeds": 50,
    "cat_breeds": 25,
    "dishes": 80,
    "airport_codes": 50,
    **dict.fromkeys(vocabularies.FREE_TEXTS, 20),
}
#: Words of the usual Latin placeholder text, none of which belongs in a vocabulary.
FILLER = set(
    "lorem ipsum dolor amet consectetur adipiscing elit sed eiusmod tempor incididunt labore "
    "dolore aliqua veniam nostrud exercitation ullamco laboris nisi aliquip commodo consequat "
    "duis aute irure reprehenderit voluptate velit esse cillum fugiat nulla pariatur".split()
)
_FORMATTER = string.Formatter()


def _data_files() -> list[Path]:
    return sorted(HERE.rglob("*.txt"))


def _slots(template: str) -> list[str]:
    return [field for _, field, _, _ in _FORMATTER.parse(template) if field is not None]


def test_every_kind_has_a_minimum_and_a_file():
    assert set(MINIMUMS) == set(KINDS)
    assert len(set(KINDS)) == len(KINDS)
    assert {path.stem for path in EN_US.glob("*.txt")} == set(KINDS)
    assert {path.stem for path in (EN_US / "templates").glob("*.txt")} == set(TEMPLATED)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_big_clean_and_distinct(kind):
    values = load(kind)
    assert isinstance(values, tuple)
    assert len(values) >= MINIMUMS[kind]
    assert len({value.casefold() for value in values}) == len(values)  # no duplicates, any case
    for value in values:
        assert value, kind
        assert value == value.strip(), value
        assert len(value) <= 80, value
        assert '"' not in value, value
        assert not set("\n\r") & set(value), value
        assert not value.startswith("#"), value
        filled = value.replace("{thing}", "thing")  # the table's noun, filled in when drawn
        assert not set("{}") & set(filled), value  # templates all filled
        assert not FILLER & set(re.findall(r"[a-z]+", value.casefold())), value


@pytest.mark.parametrize("kind", KINDS)
def test_locales_without_files_fall_back_to_en_us(kind):
    for locale in ("de_DE", "xx_XX", "ja_JP", "../en_US", ""):
        assert load(kind, locale) == load(kind, "en_US")
        assert expand(kind, locale, 50) == expand(kind, "en_US", 50)


@pytest.mark.parametrize("kind", TEMPLATED)
def test_templated_kinds_expand_deterministically_into_a_big_pool(kind):
    written = vocabularies._lines(EN_US / f"{kind}.txt")
    expanded = expand(kind, size=10**6)
    assert len(written) >= 75  # hand-written titles come first
    assert len(expanded) >= 1000
    assert len(set(expanded)) == len(expanded)
    assert load(kind)[: len(written)] == written
    assert len(load(kind)) == POOL_SIZE
    for size in (0, 1, 7, 999, 2000):
        assert expand(kind, size=size) == expanded[:size]
    assert len(vocabularies._lines(EN_US / "templates" / f"{kind}.txt")) >= 5


def test_expansion_is_the_same_in_a_fresh_cache():
    before = {kind: load(kind) for kind in TEMPLATED}
    CACHES["offline vocabularies"]()
    assert {kind: load(kind) for kind in TEMPLATED} == before


def test_a_walk_visits_every_combination_once():
    lists = [("a", "b", "c"), ("d", "e"), ("f", "g", "h", "i"), ("j", "k")]
    for width in range(1, len(lists) + 1):
        walk = vocabularies._Walk(" ".join(f"{{{i}}}" for i in range(width)), lists[:width])
        values = walk.values(1000)
        expected = {" ".join(combo) for combo in _product(lists[:width])}
        assert len(values) == len(expected)
        assert set(values) == expected


def _product(lists: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    combos: list[tuple[str, ...]] = [()]
    for words in lists:
        combos = [(*combo, word) for combo in combos for word in words]
    return combos


def test_data_files_are_tidy():
    """Every file: UTF-8, ends with a newline, no blank-looking or padded lines, no duplicates."""
    for path in _data_files():
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n"), path
        assert not text.endswith("\n\n"), path
        lines = [line for line in text.splitlines() if not line.startswith("#")]
        assert all(line and line == line.strip() for line in lines), path
        assert len(set(lines)) == len(lines), path
        assert not set("\t\r") & set(text), path


def test_templates_use_known_word_lists_and_every_word_list_is_used():
    used: set[str] = set()
    for path in sorted((EN_US / "templates").glob("*.txt")):
        for template in vocabularies._lines(path):
            slots = _slots(template)
            assert slots, template
            assert len(set(slots)) == len(slots), template  # a slot repeated fills the same word
            used.update(slots)
    words = {path.stem for path in (EN_US / "words").glob("*.txt")}
    assert used == words
    for slot in words:
        entries = vocabularies._lines(EN_US / "words" / f"{slot}.txt")
        assert entries, slot
        assert not any(set("{}") & set(entry) for entry in entries), slot


def test_unknown_kinds_name_the_closest_ones():
    with pytest.raises(ValueError, match="book_titles") as caught:
        load("book_title")
    assert isinstance(caught.value, InvalidInputError)
    with pytest.raises(ValueError, match="Did you mean products_toys"):
        load("product_toys")
    with pytest.raises(ValueError, match="Known kinds: book_titles"):
        load("zzz")
    with pytest.raises(ValueError, match="departments"):
        expand("department")


def test_another_locale_overrides_only_the_files_it_has(tmp_path, monkeypatch):
    shutil.copytree(EN_US, tmp_path / "en_US")
    (tmp_path / "de_DE" / "words").mkdir(parents=True)
    (tmp_path / "de_DE" / "departments.txt").write_text("Buchhaltung\nEinkauf\n", encoding="utf-8")
    (tmp_path / "de_DE" / "words" / "codename.txt").write_text("Eisvogel\n", encoding="utf-8")
    monkeypatch.setattr(vocabularies, "_ROOT", tmp_path)
    load.cache_clear()
    try:
        assert load("departments", "de_DE") == ("Buchhaltung", "Einkauf")
        assert load("skills", "de_DE") == load("skills", "en_US")
        # de_DE has no project templates, so their words come from en_US too.
        assert load("project_names", "de_DE") == load("project_names", "en_US")
    finally:
        load.cache_clear()


def test_a_kind_is_read_once_then_cached():
    """Each kind is read from disk once per process (speed is measured in benchmarks/, never
    asserted here: these machines are shared)."""
    load.cache_clear()
    for kind in KINDS:
        assert load(kind) is load(kind)
    assert load.cache_info().misses == len(KINDS)


def test_the_module_imports_only_the_standard_library_and_the_errors():
    tree = ast.parse((HERE / "__init__.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    third_party = {m for m in imported if m.split(".")[0] not in sys.stdlib_module_names}
    assert third_party == {"synthdata.errors"}


def test_the_wheel_carries_the_data_files():
    with (ROOT / "pyproject.toml").open("rb") as file:
        patterns = tomllib.load(file)["tool"]["setuptools"]["package-data"]["synthdata"]
    package = ROOT / "synthdata"
    files = [*_data_files(), HERE / "LICENSE.md"]
    for path in files:
        parts = path.relative_to(package).parts
        assert any(
            len(parts) == len(pattern.split("/"))
            and all(map(fnmatchcase, parts, pattern.split("/")))
            for pattern in patterns
        ), path
