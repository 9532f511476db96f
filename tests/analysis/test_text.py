import pytest

from synthdata.analysis.text import find_numbers, tokenize


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("200 patients", 200),
        ("about 5k orders", 5000),
        ("1.2 million transactions", 1_200_000),
        ("a few dozen staff", 36),
        ("fourteen rooms", 14),
        ("half a million subscribers", 500_000),
        ("10M+ CDRs", 10_000_000),
        ("15,000 titles", 15_000),
        ("~2M players", 2_000_000),
        ("a dozen shows", 12),
        ("several hundred members", 500),
        ("two branches", 2),
    ],
)
def test_numbers_in_any_form(text, value):
    assert find_numbers(tokenize(text))[0].value == value
