"""Which of two related tables holds the key, where the grammar says little: the modeller's
defaults of ``analyze`` (class ranks, events and the things they happen to, orphans), on
sentences of their own."""

from __future__ import annotations

import synthdata as sd


def _links(text: str) -> set[tuple[str, str]]:
    schemas = sd.infer_schemas(sd.analyze(text))
    return {(s.name, fk.parent) for s in schemas for fk in s.foreign_keys}


def test_a_thing_is_never_hung_from_an_event_as_an_orphan():
    links = _links(
        "Ski hill. We sell lift passes on cards and every gate scan at a lift is logged, and "
        "the ski school books lessons with instructors."
    )
    assert ("lift_passes", "gate_scans") not in links, links
    assert ("gate_scans", "lift_passes") in links, links


def test_kinds_are_parents_of_the_things_of_their_clause():
    links = _links("Zoo. Each animal belongs to a species and lives in an enclosure.")
    assert ("animals", "species") in links, links
    assert ("species", "enclosures") not in links, links


def test_people_and_things_hold_no_key_to_a_period():
    links = _links("Hockey league. Players sign with a team for a season, and teams play games.")
    assert ("seasons", "players") not in links, links
    assert ("players", "seasons") not in links, links


def test_people_own_the_things_they_act_on_not_the_things_behind_a_preposition():
    links = _links(
        "Optician. Patients have eye exams with an optometrist, and patients order glasses "
        "made from a frame we stock."
    )
    assert ("frames", "patients") not in links, links


def test_an_event_happens_to_the_thing_at_a_place_not_to_the_place():
    links = _links(
        "Zoo. Each animal lives in an enclosure; keepers clean enclosures, and the vets "
        "record health checks."
    )
    assert ("health_checks", "animals") in links, links
    assert ("health_checks", "enclosures") not in links, links


def test_a_verb_listing_things_relates_none_of_them():
    links = _links("A winery: we track vineyards, grape varieties, harvests and wine barrels")
    assert not {(a, b) for a, b in links if {a, b} <= {"vineyards", "grape_varieties"}}, links


def test_an_event_alone_in_its_sentence_happens_to_the_thing_before():
    links = _links("Marina. Boats are moored at berths. Each visit records arrival and departure.")
    assert ("visits", "boats") in links, links


def test_a_person_booked_for_each_event_is_the_events_own():
    links = _links(
        "Racehorse yard. We enter horses in races, book a jockey for each race entry and "
        "record finishing positions."
    )
    assert ("race_entries", "jockeys") in links, links
    assert ("jockeys", "race_entries") not in links, links
    assert ("races", "jockeys") not in links, links


def test_a_participle_after_a_preposition_modifies_the_noun():
    links = _links("Print shop. Buyers raise purchase orders to approved vendors.")
    assert ("purchase_orders", "vendors") in links, links
    assert ("vendors", "purchase_orders") not in links, links


def test_a_record_naming_one_of_a_thing_among_its_fields_holds_its_key():
    links = _links(
        "Container yard. Trucks bring containers, and each gate visit records the truck "
        "plate, container and direction."
    )
    assert ("gate_visits", "containers") in links, links
    assert ("containers", "gate_visits") not in links, links


def test_a_verb_of_exactly_one_thing_keys_the_subject():
    links = _links("Travel insurer. Travellers buy policies, and each policy covers one trip.")
    assert ("policies", "trips") in links, links
    assert ("trips", "policies") not in links, links


def test_a_shorter_name_for_a_table_is_a_mention_of_it():
    links = _links(
        "Optician. Patients have eye exams with an optometrist, and each exam produces a lens "
        "prescription."
    )
    assert ("lens_prescriptions", "eye_exams") in links, links


def test_a_participle_after_a_quantity_modifies_the_noun():
    links = _links("Delivery app: customers w/ multiple saved addresses, restaurants w/ menus.")
    assert ("addresses", "customers") in links, links


def test_no_plain_key_beside_a_link_table_of_the_same_pair():
    links = _links(
        "Airline. Crew members are rostered onto flights, and flights depart with crew members "
        "and passengers."
    )
    crew = {"crew_members", "staff_members"}  # the roster rule may name them staff
    pairs = {child for child, parent in links if parent == "flights"}
    assert any((child, who) in links for child in pairs for who in crew), links
    assert not any(("flights", who) in links for who in crew), links


def test_a_stranded_preposition_relates_nothing_after_it():
    links = _links(
        "IT desk. Each asset records the model and the employee it is assigned to, and a ticket "
        "can reference one or more assets. Employees raise tickets."
    )
    assert ("employees", "tickets") not in links, links
    assert ("tickets", "employees") in links, links


def test_either_before_a_verb_is_no_determiner():
    words, tags = _tagged("Drivers either pay per visit or hold a season permit.")
    assert tags[words.index("pay")] == "VERB", tags


def _tagged(text: str) -> tuple[list[str], list[str]]:
    from synthdata.analysis.reading import normalize, read
    from synthdata.analysis.text import tokenize

    tokens, _ = normalize(tokenize(text))
    return [t.text for t in tokens], read(tokens).tags


def test_and_the_after_a_prepositions_object_starts_a_new_item():
    links = _links(
        "Brewery: brew batches made from a recipe in one of our fermenters, and the packaging "
        "runs for each batch"
    )
    assert ("fermenters", "brew_batches") not in links, links
    assert ("packaging_runs", "brew_batches") in links, links


def test_a_kind_named_after_a_table_is_its_parent():
    links = _links("Guest house. We need guests, room types, rooms, bookings and payments.")
    assert ("rooms", "room_types") in links, links
    assert ("room_types", "rooms") not in links, links


def test_a_pairing_falls_in_the_period_of_its_ends():
    links = _links(
        "Netball league: 30 teams. Players register with a team for each season, and each "
        "match has a home team and an away team."
    )
    assert ("registrations", "seasons") in links, links


def test_people_an_event_pairs_hold_no_key_to_its_other_party():
    links = _links(
        "Health department. Every food establishment holds a permit and gets routine "
        "inspections from a sanitarian."
    )
    assert ("routine_inspections", "sanitarians") in links, links
    assert ("sanitarians", "food_establishments") not in links, links
    assert ("food_establishments", "sanitarians") not in links, links
