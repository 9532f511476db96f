"""Short descriptions (a few words naming a kind of business) get the tables a modeller would draw.

The descriptions are written for this test. Each case states what any careful data modeller would
agree on for that kind of business: the tables it cannot do without (any one of a set of names
will do), the foreign keys between them, and tables that would be plainly wrong. They are not
exact outputs: extra tables are allowed unless a case names them as wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

import synthdata as sd


@dataclass(frozen=True)
class Case:
    text: str
    #: each entry: at least one of these table names is planned
    tables: tuple[frozenset[str], ...]
    #: each entry: some table from the first set has a key to some table from the second
    links: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    #: tables that would be wrong for this business
    wrong: frozenset[str] = frozenset()
    #: a table with two keys to the same parent (e.g. start and end station)
    two_keys: tuple[str, str] | None = None


def _s(*names: str) -> frozenset[str]:
    return frozenset(names)


GENERIC_SHOP = _s("products", "order_items")

CASES = [
    Case(
        "a photo sharing social app",
        (_s("users"), _s("posts", "photos")),
        links=((_s("posts", "photos"), _s("users")), (_s("comments", "likes"), _s("posts"))),
        wrong=GENERIC_SHOP,
        two_keys=("follows", "users"),
    ),
    Case(
        "an online message board for gardeners",
        (_s("users"), _s("threads", "topics"), _s("posts", "replies")),
        links=((_s("posts", "replies"), _s("threads", "topics")),),
        wrong=GENERIC_SHOP,
    ),
    Case(
        "a chat app for small teams",
        (_s("users"), _s("messages"), _s("conversations", "channels")),
        links=((_s("messages"), _s("conversations", "channels")), (_s("messages"), _s("users"))),
        wrong=GENERIC_SHOP,
    ),
    Case("a dating service for hikers", (_s("users"),), wrong=GENERIC_SHOP),
    Case(
        "a late night taxi firm",
        (_s("drivers"), _s("rides", "trips", "bookings"), _s("riders", "customers", "passengers")),
        links=((_s("rides", "trips", "bookings"), _s("drivers")),),
        wrong=GENERIC_SHOP,
    ),
    Case(
        "city cycle hire with docking points",
        (_s("stations", "docks"), _s("bikes", "bicycles"), _s("rides", "trips")),
        links=((_s("rides", "trips"), _s("bikes", "bicycles")),),
        wrong=GENERIC_SHOP | {"citizens", "applications"},
        two_keys=("rides", "stations"),
    ),
    Case(
        "a multi screen movie theatre",
        (_s("movies", "films"), _s("screenings", "showings", "showtimes"), _s("tickets")),
        links=(
            (_s("screenings", "showings", "showtimes"), _s("movies", "films")),
            (_s("tickets"), _s("screenings", "showings", "showtimes")),
        ),
        wrong=GENERIC_SHOP | {"episodes"},
    ),
    Case(
        "a touring theatre company",
        (_s("performances", "shows"), _s("tickets")),
        links=((_s("tickets"), _s("performances", "shows")),),
        wrong=GENERIC_SHOP,
    ),
    Case(
        "a small family zoo",
        (_s("animals"), _s("enclosures", "habitats", "species")),
        links=((_s("animals"), _s("enclosures", "habitats", "species")),),
        wrong=GENERIC_SHOP | {"patients"},
    ),
    Case(
        "a dog rescue centre",
        (_s("animals", "dogs"), _s("adopters"), _s("adoptions")),
        links=((_s("adoptions"), _s("animals", "dogs")), (_s("adoptions"), _s("adopters"))),
        wrong=_s("policyholders", "policies", "claims", "products"),
    ),
    Case(
        "a boarding kennel for dogs",
        (_s("pets", "dogs"), _s("kennels", "stays", "bookings", "reservations")),
        wrong=_s("policyholders", "policies", "claims"),
    ),
    Case(
        "a barbershop booking app",
        (_s("customers", "clients"), _s("appointments", "bookings")),
        links=((_s("appointments", "bookings"), _s("customers", "clients")),),
        wrong=_s("patients", "doctors", "products"),
    ),
    Case(
        "a reformer pilates studio",
        (_s("members"), _s("classes"), _s("bookings")),
        links=((_s("bookings"), _s("classes")), (_s("bookings"), _s("members"))),
        wrong=_s("episodes", "shows"),
    ),
    Case(
        "a semi professional netball league",
        (_s("teams"), _s("players"), _s("matches", "games", "fixtures")),
        links=((_s("matches", "games", "fixtures"), _s("teams")),),
        wrong=_s("classes", "bookings"),
        two_keys=("matches", "teams"),
    ),
    Case(
        "a local driving school",
        (_s("students", "learners"), _s("lessons"), _s("instructors", "teachers")),
        links=((_s("lessons"), _s("students", "learners")),),
    ),
    Case(
        "an apiary with forty colonies",
        (_s("hives", "colonies"),),
        links=((_s("hives", "colonies"), _s("apiaries")),),
        wrong=_s("citizens", "applications"),
    ),
    Case(
        "a commuter rail operator",
        (_s("stations"), _s("routes", "lines"), _s("trips", "services", "journeys")),
        links=((_s("trips", "services", "journeys"), _s("routes", "lines")),),
        wrong=GENERIC_SHOP | {"organizations"},
    ),
    Case(
        "a regional airline",
        (_s("airports"), _s("flights"), _s("passengers"), _s("bookings", "tickets")),
        links=((_s("bookings", "tickets"), _s("flights")),),
        wrong=_s("trucks", "drivers", "members"),
        two_keys=("flights", "airports"),
    ),
    Case(
        "a container shipping line",
        (_s("vessels", "ships"), _s("ports"), _s("voyages")),
        links=((_s("voyages"), _s("vessels", "ships")),),
        wrong=_s("order_items"),
        two_keys=("voyages", "ports"),
    ),
    Case(
        "a car hire firm with several branches",
        (_s("vehicles", "cars"), _s("customers"), _s("rentals"), _s("branches")),
        links=((_s("rentals"), _s("vehicles", "cars")), (_s("rentals"), _s("customers"))),
        wrong=_s("citizens", "applications", "cases"),
    ),
    Case(
        "a window cleaning business",
        (_s("customers", "clients"), _s("jobs", "appointments", "visits")),
        links=((_s("jobs", "appointments", "visits"), _s("customers", "clients")),),
        wrong=GENERIC_SHOP,
    ),
    Case(
        "a small parish church",
        (_s("donations", "gifts", "offerings"),),
        wrong=GENERIC_SHOP,
    ),
    Case(
        "a rural police force",
        (_s("officers"), _s("incidents", "crimes", "reports")),
        wrong=_s("patients", "doctors", "leave_requests"),
    ),
    Case(
        "a women's prison",
        (_s("inmates", "prisoners"),),
        wrong=_s("patients", "doctors", "products"),
    ),
    Case(
        "a craft gin distillery",
        (_s("batches", "runs"), _s("recipes")),
        links=((_s("batches", "runs"), _s("recipes")),),
        wrong=_s("shipments", "warehouses"),
    ),
    Case(
        "an open pit gold mine",
        (_s("sites", "mines"), _s("equipment")),
        links=((_s("equipment"), _s("sites", "mines")),),
        wrong=GENERIC_SHOP,
    ),
    Case(
        "an onshore wind farm operator",
        (_s("turbines", "generating_units", "units"), _s("readings", "generation_readings")),
        links=(
            (_s("readings", "generation_readings"), _s("turbines", "generating_units", "units")),
        ),
        wrong=_s("fields", "harvests", "farms"),
    ),
    Case(
        "an ev charging operator",
        (_s("charging_sessions", "sessions"), _s("chargers", "charge_points")),
        # a session is on a connector of a charger, or on the charger itself
        links=(
            (_s("charging_sessions", "sessions"), _s("chargers", "charge_points", "connectors")),
        ),
    ),
    Case(
        "an it helpdesk for a hospital",
        (_s("tickets", "support_tickets"),),
        links=((_s("tickets", "support_tickets"), _s("users", "employees", "requesters")),),
    ),
    Case(
        "an issue tracker for developers",
        (_s("projects"), _s("issues", "bugs"), _s("users")),
        links=((_s("issues", "bugs"), _s("projects")),),
        wrong=GENERIC_SHOP,
        two_keys=("issues", "users"),
    ),
    Case(
        "a reward based crowdfunding site",
        (_s("campaigns", "projects"), _s("pledges", "contributions", "backings")),
        links=((_s("pledges", "contributions", "backings"), _s("campaigns", "projects")),),
        wrong=GENERIC_SHOP,
    ),
    Case(
        "a marine biology research lab",
        (_s("experiments", "studies", "projects"), _s("samples", "specimens")),
        wrong=_s("students", "enrollments", "products"),
    ),
    Case(
        "an online local newspaper",
        (_s("articles", "stories"), _s("authors", "journalists", "writers")),
        links=((_s("articles", "stories"), _s("authors", "journalists", "writers")),),
        wrong=_s("episodes"),
    ),
    Case(
        "a guided walking tour company",
        (_s("tours"), _s("bookings", "reservations")),
        wrong=_s("trucks", "drivers"),
    ),
    Case(
        "a water supply company",
        (_s("customers"), _s("meters"), _s("meter_readings", "readings")),
        links=((_s("meter_readings", "readings"), _s("meters")),),
    ),
    Case(
        "a small shale oil operator",
        (_s("wells"),),
        links=((_s("production_records", "production", "readings"), _s("wells")),),
        wrong=_s("properties", "tenants", "leases"),
    ),
    Case(
        "a temp staffing firm",
        (_s("candidates"), _s("job_orders", "jobs", "vacancies"), _s("applications", "placements")),
        links=((_s("applications", "placements"), _s("candidates")),),
        wrong=_s("citizens", "cases"),
    ),
]


def _plan(text: str) -> tuple[set[str], set[tuple[str, str]], dict[str, list[str]]]:
    schemas = sd.infer_schemas(sd.analyze(text))
    tables = {s.name for s in schemas}
    links: set[tuple[str, str]] = set()
    keys: dict[str, list[str]] = {}
    for schema in schemas:
        for f in schema.fields:
            if f.references:
                parent = f.references.split(".")[0]
                links.add((schema.name, parent))
                keys.setdefault(f"{schema.name}->{parent}", []).append(f.name)
    return tables, links, keys


@pytest.mark.parametrize("case", CASES, ids=[c.text for c in CASES])
def test_short_description_gets_the_tables_a_modeller_would_draw(case: Case) -> None:
    tables, links, keys = _plan(case.text)
    for wanted in case.tables:
        assert tables & wanted, f"{case.text!r}: none of {sorted(wanted)} in {sorted(tables)}"
    for children, parents in case.links:
        assert any(c in children and p in parents for c, p in links), (
            f"{case.text!r}: no key from {sorted(children)} to {sorted(parents)}; {sorted(links)}"
        )
    assert not tables & case.wrong, f"{case.text!r}: {sorted(tables & case.wrong)} do not belong"
    if case.two_keys:
        child, parent = case.two_keys
        fields = keys.get(f"{child}->{parent}", [])
        assert len(fields) >= 2, f"{case.text!r}: {child} needs two keys to {parent}: {fields}"
        assert len(set(fields)) == len(fields)


def test_no_short_description_falls_back_to_the_generic_shop() -> None:
    """None of these businesses sells products through orders by default."""
    shops = [c.text for c in CASES if sd.analyze(c.text).domain == "general"]
    assert not shops
