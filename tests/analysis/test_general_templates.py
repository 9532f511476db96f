"""Catalogue templates hold what any business of the kind keeps, not one case's details.

The descriptions are written for this test. A template is what a careful modeller gives every
business of that kind (a plot: a code, an area, a soil type); the specifics of one business
(survey numbers, areas in cents, cardamom) come from its own text, which the reader turns into
fields ("plots (survey number, area in cents)").
"""

from __future__ import annotations

import synthdata as sd
from synthdata.schema import Field


def _tables(text: str) -> dict[str, dict[str, Field]]:
    return {s.name: {f.name: f for f in s.fields} for s in sd.infer_schemas(sd.analyze(text))}


def _values(tables: dict[str, dict[str, Field]]) -> set[str]:
    return {v for fields in tables.values() for f in fields.values() for v in f.enum_values or []}


def test_a_wheat_farms_plots_are_not_a_spice_cooperatives() -> None:
    tables = _tables("A wheat farm: farmers work plots, and we record each harvest lot we sell")
    plots = tables["plots"]
    assert "area_hectares" in plots
    assert not {"survey_number", "area_cents", "village"} & set(plots)
    assert not {"cardamom", "pepper", "rubber"} & _values(tables)
    assert "auction_price_per_kg" not in tables["harvest_lots"]
    assert not {"member_number", "village", "bank_account_number"} & set(tables["farmers"])


def test_a_texts_own_units_and_fields_come_through_the_reader() -> None:
    tables = _tables("Each farmer has one or more plots (survey number, area in cents).")
    plots = tables["plots"]
    assert {"survey_number", "area_cents"} <= set(plots)
    assert "area_hectares" not in plots  # the template's area, in the unit the text states
    area = plots["area_cents"]
    assert area.min is not None
    assert area.max is not None
    assert area.min >= 10  # hectares converted: 1 ha is about 247 cents
    assert area.max > 1000


def test_a_unit_after_in_names_the_field() -> None:
    tables = _tables("A farm keeps fields (name, area in acres, soil type) and harvests")
    assert "area_acres" in tables["fields"]
    assert "area_hectares" not in tables["fields"]


def test_a_cosmetics_maker_brews_no_beer() -> None:
    tables = _tables(
        "A cosmetics manufacturer: recipes with ingredients, production batches and inspections"
    )
    names = {n for fields in tables.values() for n in fields}
    assert not {"ibu", "target_abv", "original_gravity", "final_gravity", "brewed_on"} & names
    assert not {"malt", "hops", "yeast", "ipa", "x_ray"} & _values(tables)


def test_a_brewery_still_brews() -> None:
    tables = _tables("A craft brewery: brew batches from recipes, fermented in our fermenters")
    batches = next(f for n, f in tables.items() if n.endswith("batches"))
    assert {"original_gravity", "brewed_on", "fermenter_id"} <= set(batches)


def test_a_game_has_players_not_footballers() -> None:
    tables = _tables("A mobile puzzle game: players, matches, match results and in-app purchases")
    players = tables["players"]
    assert "username" in players
    assert not {"national_id", "position"} & set(players)
    assert not {"goalkeeper", "pickaxe", "glider"} & _values(tables)


def test_general_values_for_general_things() -> None:
    shop = _tables("A hardware store: products, customers and orders")
    assert not {"bread", "pastry", "cake"} & _values(shop)
    diner = _tables("A Thai restaurant: menu items, orders and tables")
    assert "pizza" not in _values(diner)
    school = _tables("A university: courses taught by lecturers, students enrol in courses")
    assert "a1" not in (school["courses"]["level"].enum_values or [])
    charity = _tables("A charity: donors make donations to campaigns")
    assert "is_gift_aided" not in charity["donations"]
    assert "grocery_store" not in _values(charity)


def test_a_driving_instructor_teaches_no_yoga() -> None:
    tables = _tables("A driving school: instructors give lessons to students in our cars")
    assert "yoga" not in _values(tables)


def test_a_bird_sighting_is_not_a_telescope_exposure() -> None:
    tables = _tables("A bird survey: volunteers record sightings of species at survey sites")
    names = {n for fields in tables.values() for n in fields}
    assert not {"seeing_arcsec", "exposure_seconds", "filter"} & names


def test_a_family_law_firm_files_no_patents() -> None:
    tables = _tables("A family law firm: clients, matters, attorneys and deadlines")
    assert not {"trademark", "patent", "opposition"} & _values(tables)
