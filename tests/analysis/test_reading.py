"""The text reader: parts of speech, the things a text names, and what its sentences relate.

Sentences here are written for these tests (none from the development sets).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

import synthdata as sd
from synthdata.analysis.reading import read, tag
from synthdata.analysis.text import tokenize


def _tags(text: str) -> dict[str, str]:
    tokens = tokenize(text)
    return {t.text: g for t, g in zip(tokens, tag(tokens), strict=True)}


def _things(text: str) -> set[str]:
    return set(read(tokenize(text)).things)


def _links(text: str) -> set[tuple[str, str]]:
    schemas = sd.infer_schemas(sd.analyze(text))
    return {(s.name, fk.parent) for s in schemas for fk in s.foreign_keys}


def _tables(text: str) -> set[str]:
    return {s.name for s in sd.infer_schemas(sd.analyze(text))}


@pytest.mark.parametrize(
    ("text", "word", "part"),
    [
        ("A bakery tracks loaves baked each morning", "tracks", "VERB"),
        ("Athletes log runs and coaches review them", "log", "VERB"),
        ("each trainer lists exercises for a client", "lists", "VERB"),
        ("The mill keeps care logs for every machine", "logs", "NOUN"),
        ("Farmers own tractors and rent ploughs", "own", "VERB"),
        ("a mechanic repairs vans at local garages", "local", "ADJ"),
        ("Each studio gets weekly inspections", "gets", "VERB"),
        ("Readers keep shelves of books and lists of records", "records", "NOUN"),
        ("Police log every stolen bike", "stolen", "ADJ"),
    ],
)
def test_parts_of_speech_from_the_lexicon_and_the_words_around(text, word, part):
    assert _tags(text)[word] == part


def test_multi_word_things_are_kept_whole():
    text = "Our marina rents berth slots to boat owners and logs fuel dock sales"
    assert {"berth_slot", "boat_owner", "fuel_dock_sale"} <= _things(text)


def test_generic_words_examples_and_the_business_itself_are_not_things():
    text = (
        "Bicycle courier cooperative. Riders carry parcels (documents, flowers, food) "
        "and our system records data for each rider"
    )
    things = _things(text)
    assert {"rider", "parcel"} <= things
    assert not things & {"document", "flower", "food", "system", "data", "cooperative"}


def test_particle_compounds_and_glosses():
    text = "Gym with members, check-ins and trainers (coaches)"
    things = _things(text)
    assert "check_in" in things
    assert "coach" in things
    assert "trainer" not in things  # the gloss names the table


def test_possession_membership_and_passive_agents():
    text = (
        "Tenants rent flats; each flat belongs to a block, repairs are reported against a flat "
        "and every repair is assigned to a contractor"
    )
    links = _links(text)
    assert ("flats", "blocks") in links
    assert ("repairs", "flats") in links
    assert ("repairs", "contractors") in links


def test_verbs_between_plural_things_make_link_tables_named_as_a_modeller_would():
    text = "Climbers enrol in courses taught by guides; climbers follow other climbers"
    tables = _tables(text)
    assert any(t.startswith("enrol") for t in tables)
    assert ("courses", "guides") in _links(text)


def test_self_references_from_role_words():
    text = "Each category can have a parent category; clerks report to a supervisor"
    schemas = {s.name: s for s in sd.infer_schemas(sd.analyze(text))}
    assert any(fk.parent == "categories" for fk in schemas["categories"].foreign_keys)
    # a supervisor is another clerk, or a table of supervisors: either way the clerk holds the key
    assert {fk.parent for fk in schemas["clerks"].foreign_keys} & {"clerks", "supervisors"}


def test_event_verbs_make_event_tables_and_pairings_keep_their_attributes():
    text = (
        "A nursery grows plants in greenhouses; each order lists plants with quantities, "
        "and trays are delivered to garden centres"
    )
    schemas = {s.name: s for s in sd.infer_schemas(sd.analyze(text))}
    pairing = next(
        s for s in schemas.values() if {fk.parent for fk in s.foreign_keys} >= {"orders", "plants"}
    )
    assert any("quantit" in f.name for f in pairing.fields)
    delivered = next(
        s
        for s in schemas.values()
        if {fk.parent for fk in s.foreign_keys} >= {"trays", "garden_centres"}
    )
    assert delivered.name == "deliveries"


def test_attribute_lists_become_typed_fields():
    text = "Orchard with rows of trees; each tree has a variety, a planting date and a height"
    schemas = {s.name: s for s in sd.infer_schemas(sd.analyze(text))}
    fields = {f.name: f.type for f in schemas["trees"].fields}
    assert fields["planting_date"] is sd.FieldType.DATE
    assert {"variety", "variety_id"} & set(fields)  # a field, or a key to a table of varieties


def test_confidence_and_warnings_say_what_was_not_understood():
    vague = sd.analyze("Zorblax registry: glimmers, frobs and quonks")
    assert vague.confidence < 0.6
    assert vague.warnings
    clear = sd.analyze("Dental clinic with patients, dentists and appointments")
    assert clear.confidence > vague.confidence


def test_of_between_plurals_is_a_part_unless_the_first_collects_the_second():
    assert ("copies", "titles") in _links("Branches hold copies of titles; members borrow copies")
    links = _links("Listeners build playlists of songs and follow artists")
    pairings = {child for child, parent in links if parent == "playlists"} & {
        child for child, parent in links if parent == "songs"
    }
    assert pairings, links  # a song is on many playlists: a link table between the two


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            "each every the a of per with has have their by to into between -> = + ( ) , ; : "
            "whether or and one more several customers order orders dogs check-ins lots "
            "runs logs parent prerequisite reports books 12 x".split()
        ),
        min_size=1,
        max_size=25,
    ).map(" ".join)
)
def test_any_word_salad_still_gives_valid_connected_schemas(text):
    """Punctuation and grammar words in any order never break the reader: the schemas check,
    and every key points at a table of the plan."""
    schemas = sd.infer_schemas(sd.analyze(text))
    names = {s.name for s in schemas}
    assert names
    assert all(fk.parent in names for s in schemas for fk in s.foreign_keys)


def test_a_pair_named_each_on_each_is_a_row_of_its_own():
    links = _links(
        "A ferry line sells crossings to travellers. Each traveller on each crossing gets a "
        "cabin number and a boarding status."
    )
    pairs = {c for c, p in links if p == "travellers"} & {c for c, p in links if p == "crossings"}
    assert pairs, links


def test_people_assigned_to_things_are_a_pairing_and_things_assigned_to_people_a_key():
    links = _links("Our choir has singers and concerts. Singers are assigned to concerts.")
    assert any(c != "singers" and p == "singers" for c, p in links), links
    assert ("singers", "concerts") not in links
    assert ("repairs", "mechanics") in _links(
        "A garage logs repairs and mechanics; each repair is assigned to a mechanic."
    )


def test_can_have_more_than_one_shares_what_exists_on_its_own():
    links = _links(
        "A workshop runs courses and employs tutors. A course can have more than one tutor."
    )
    assert ("tutors", "courses") not in links
    assert {p for c, p in links if c not in {"courses", "tutors"}} >= {"courses", "tutors"}


def test_things_named_only_among_fields_are_fields():
    tables = _tables(
        "A darts league keeps players and fixtures. For each fixture we record a line per "
        "player: legs, darts thrown, checkouts and averages."
    )
    assert not {"checkouts", "averages"} & tables, tables


def test_typos_and_short_forms_are_read_as_the_words_meant():
    analysis = sd.analyze("Our clinic keeps appointmnets for patients and the vets who see them")
    tables = {s.name for s in sd.infer_schemas(analysis)}
    assert "appointments" in tables, tables
    assert "veterinarians" in tables, tables
    assert any("appointmnets" in w for w in analysis.warnings), analysis.warnings


def test_a_short_text_gets_only_the_core_tables_around_what_it_names():
    tables = _tables("kennel boarding stays")
    assert "stays" in tables or "bookings" in tables, tables
    assert not {"donors", "donations", "campaigns"} & tables, tables


def test_an_event_holds_keys_to_the_parties_of_its_clause_and_no_other():
    links = _links(
        "Our salon: stylists give haircuts to clients at chairs, and receptionists take calls."
    )
    haircut_parents = {p for c, p in links if c == "haircuts"}
    assert {"stylists", "clients"} <= haircut_parents, links
    assert "receptionists" not in haircut_parents, links


def test_a_document_for_goods_lists_them_in_lines():
    links = _links("Florists place orders for bouquets and vases with wholesalers.")
    lines = {c for c, p in links if p == "orders"} & {c for c, p in links if p != "orders"}
    assert lines, links


def test_people_are_never_the_rows_of_an_event():
    links = _links("Passengers hold bookings; each passenger belongs to a booking.")
    assert ("passengers", "bookings") not in links, links


def test_a_thing_a_person_brings_holds_the_person():
    links = _links("A bakery co-op: bakers bring sourdough loaves to our market stalls.")
    assert ("sourdough_loaves", "bakers") in links, links
    assert ("bakers", "sourdough_loaves") not in links, links


def test_rehearsals_are_events_that_hold_their_venue():
    links = _links("A choir keeps singers and rehearsals; rehearsals happen at venues.")
    assert ("rehearsals", "venues") in links, links


def test_a_thing_that_meets_several_others_is_paired_with_them():
    links = _links("A quality team runs audits; each audit can flag several defects.")
    both = {c for c, p in links if p == "audits"} & {c for c, p in links if p == "defects"}
    assert both - {"audits", "defects"}, links


def test_what_a_carrier_carries_holds_the_carrier():
    links = _links("A removal firm keeps vans and crates; each van can carry one or more crates.")
    assert ("crates", "vans") in links, links


def test_paying_a_person_per_thing_leaves_the_thing_with_the_person():
    links = _links("A berry co-op keeps pickers and crates; we pay the picker per crate.")
    assert ("crates", "pickers") in links, links
    assert ("pickers", "crates") not in links, links


def test_the_business_a_text_is_for_is_not_a_table():
    tables = _tables(
        "Booking software for a mountain hut: hikers book bunks, and wardens check hikers in "
        "(boots, packs...)."
    )
    assert not {"mountain_huts", "huts"} & tables, tables
    assert "packs" not in tables, tables
    assert {"hikers", "bunks"} <= tables, tables


def test_booked_times_and_slots_are_tables():
    tables = _tables("A curling club keeps teams and rinks. We book ice times at rinks for teams.")
    assert "ice_times" in tables, tables
    assert "times" not in _tables("A courier keeps drivers and parcels with delivery times.")


def test_an_event_holds_the_people_and_places_of_its_sentence():
    links = _links(
        "A kayak outfitter keeps guides and launch sites. Guides lead tours, and every tour "
        "starts from a launch site."
    )
    assert ("tours", "guides") in links, links
    assert ("tours", "launch_sites") in links, links


def test_a_thing_left_without_a_parent_hangs_from_the_first_thing_of_its_clause():
    links = _links("A cider mill keeps orchards; the orchards yield pomace bins and cider vats.")
    assert ("pomace_bins", "orchards") in links, links


def test_order_in_an_idiom_is_not_a_table():
    text = "A wine club ships cases to subscribers in a fixed order, paid in advance"
    tables = _tables(text)
    assert "orders" not in tables
    assert "advances" not in tables
    assert {"cases", "subscribers"} <= tables


def test_which_x_which_y_is_a_row_per_pair():
    links = _links("Theatre company: we record which actors perform in which plays")
    assert {("play_actors", "plays"), ("play_actors", "actors")} <= links
    assert ("plays", "actors") not in links


def test_which_x_each_y_names_the_table_after_the_verb():
    text = "Dancers join classes, and we track which routines each dancer has completed"
    assert {("routine_completions", "dancers"), ("routine_completions", "routines")} <= _links(text)


def test_for_each_y_which_x_pairs_them():
    links = _links("Touring band: for each tour we note which venues host it")
    assert {("tour_venues", "tours"), ("tour_venues", "venues")} <= links


def test_a_noun_right_after_a_verb_is_its_object():
    tags = _tags("Collectors place bids on paintings and make offers on prints")
    assert tags["bids"] == "NOUN", tags
    assert tags["offers"] == "NOUN", tags


def test_people_putting_things_up_make_listings():
    text = "A rental website where owners list cabins and guests send enquiries"
    links = _links(text)
    assert {("listings", "owners"), ("listings", "cabins")} <= links, links
    assert ("cabins", "owners") not in links, links
    assert ("targets", "proposals") in _links("Each proposal lists its targets")


def test_two_kinds_of_people_met_by_a_plain_verb_hold_no_key_to_each_other():
    links = _links("A language school where pupils meet conversation partners")
    assert ("conversation_partners", "pupils") not in links, links
    assert ("pupils", "conversation_partners") not in links, links
    assert {("meetings", "pupils"), ("meetings", "conversation_partners")} <= links, links
    links = _links("Counsellors coach job seekers")
    assert not {("counsellors", "job_seekers"), ("job_seekers", "counsellors")} & links, links
    assert ("job_seekers", "counsellors") not in links, links
    # one over the other still gives the key
    assert ("cashiers", "supervisors") in _links("Supervisors manage cashiers at a supermarket")


def test_two_named_people_bring_no_unrelated_core_tables():
    tables = _tables("Scout leaders coach cub scouts.")
    assert "cub_scouts" in tables, tables
    assert not {"members", "classes", "bookings", "instructors"} & tables, tables


def test_things_sharing_one_hold_its_key():
    links = _links("A cattery: owners book stays for cats, cats sharing a pen.")
    assert ("cats", "pens") in links, links
    assert ("pens", "cats") not in links, links


def test_from_a_to_b_relates_neither_to_the_other():
    links = _links("A cheese shop sells wheels from dairies to restaurants; orders have lines")
    assert ("dairies", "restaurants") not in links, links
    assert ("wheels", "restaurants") not in links, links


def test_goods_sold_go_on_the_lines_of_a_document_that_has_them():
    links = _links(
        "A tea merchant sells teapots to subscribers; each order has lines, and orders are "
        "shipped by carriers"
    )
    assert ("lines", "teapots") in links, links
    assert ("orders", "teapots") not in links, links
    assert ("orders", "carriers") in links, links


def test_a_listed_word_given_values_is_a_field_not_a_table():
    text = "Each parcel has a sender, a service level (standard, express, overnight) and a depot."
    schemas = {s.name: s for s in sd.infer_schemas(sd.analyze(text))}
    assert "service_levels" not in schemas, set(schemas)
    assert "service_level" in {f.name for f in schemas["parcels"].fields}


def test_examples_after_eg_or_such_as_are_values_not_tables():
    tables = _tables(
        "A vet practice keeps pets and visits; visits have a reason, e.g. checkups, "
        "consultations or vaccinations."
    )
    assert {"pets", "visits"} <= tables, tables
    assert not {"consultations", "checkups", "vaccinations"} & tables, tables
    assert _tags("a reason, e.g. checkups")["eg"] == "ADV"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Mechanics inspect and patch tyres at the depot", "patch"),
        ("each parcel weighed or rejected is logged by a clerk", "weighed"),
        ("a clerk stamps/signs each form", "stamps"),
        ("every loan counting or discounting one invoice", "counting"),
        ("Tutors want to grade essays quickly", "grade"),
        ("we are always chasing invoices", "chasing"),
        ("a meter reading which adds up over the month", "adds"),
        ("We also sell seedlings (tomatoes, peppers) and host workshops", "host"),
    ],
)
def test_verbs_read_from_the_words_around_them(text, word):
    assert _tags(text)[word] == "VERB"


def test_a_relative_that_is_not_part_of_a_table_name():
    things = _things("Each repair needs a sign-off that managers approve, and a form that goes out")
    assert not any("that" in t for t in things), things


def test_coordinated_verbs_do_not_make_tables():
    things = _things(
        "Librarians catalogue and shelve books; we also run clubs (chess, poetry) and track "
        "attendances, and we need to flag overdue returns."
    )
    assert not {"shelve_book", "track_attendance", "flag_overdue_return"} & set(things), things
    assert {"book", "club"} <= set(things), things


def test_a_role_said_to_be_another_thing_is_not_a_table():
    text = (
        "A law firm keeps matters and lawyers. Each lawyer reports to a partner who is also a "
        "lawyer, and every matter has a reviewer; reviewers are lawyers as well."
    )
    tables = _tables(text)
    assert "lawyers" in tables, tables
    assert not {"partners", "reviewers"} & tables, tables


def test_kinds_listed_after_are_or_are_not_roles():
    text = "Claims name claimants. Claimants are persons or companies; agents rate claims."
    tables = _tables(text)
    assert "claimants" in tables, tables


def test_a_word_after_is_or_are_that_can_be_a_noun_is_a_noun():
    assert _tags("splits, which are batches in their own right")["batches"] == "NOUN"
    assert _tags("each class is run by a coach")["run"] == "VERB"


def test_things_one_apiece_in_a_with_list_are_fields():
    text = (
        "Landlords advertise flats with a monthly rent and a move-in date; tenants apply for "
        "flats and pay deposits with a card or a bank transfer."
    )
    schemas = {s.name: s for s in sd.infer_schemas(sd.analyze(text))}
    assert "flats" in schemas, set(schemas)
    assert not {"monthly_rents", "move_in_dates", "rents"} & set(schemas), set(schemas)


def test_coordinated_event_verbs_each_make_an_event_on_the_same_thing():
    assert _tags("Vets examine and vaccinate animals")["vaccinate"] == "VERB"
    links = _links("Technicians install and inspect boilers in homes.")
    assert {("installations", "boilers"), ("inspections", "boilers")} <= links, links
    assert {("installations", "technicians"), ("inspections", "technicians")} <= links, links
    assert ("boilers", "technicians") not in links, links


def test_things_moved_between_places_make_a_movement_table_with_both_ends():
    analysis = sd.analyze("Herds get shifted between pastures.")
    schemas = {s.name: s for s in sd.infer_schemas(analysis)}
    assert "herd_movements" in schemas, schemas
    keys = {(fk.field, fk.parent) for fk in schemas["herd_movements"].foreign_keys}
    assert {fk for fk, _ in keys} == {"herd_id", "from_pasture_id", "to_pasture_id"}, keys
    assert not schemas["herds"].foreign_keys, schemas["herds"].foreign_keys


def test_a_thing_judged_by_several_people_makes_a_table_of_the_act_with_its_result():
    analysis = sd.analyze("Each grant bid is scored by three reviewers.")
    schemas = {s.name: s for s in sd.infer_schemas(analysis)}
    assert "grant_bid_reviews" in schemas, schemas
    review = schemas["grant_bid_reviews"]
    assert {fk.parent for fk in review.foreign_keys} == {"grant_bids", "reviewers"}
    assert "score" in {f.name for f in review.fields}
    assert not schemas["grant_bids"].foreign_keys
    links = _links("Every essay is marked by two teachers.")
    assert {("essay_marks", "essays"), ("essay_marks", "teachers")} <= links, links


@pytest.mark.parametrize(
    ("word", "one"),
    [
        ("canoes", "canoe"),
        ("niches", "niche"),
        ("ties", "tie"),
        ("gases", "gas"),
        ("categories", "category"),
        ("analyses", "analysis"),
        ("purchases", "purchase"),
        ("sales", "sale"),
    ],
)
def test_singulars_the_lexicon_knows_win_over_suffix_rules(word, one):
    from synthdata.analysis.inflection import singular

    assert singular(word) == one


def test_a_plural_in_oes_names_its_table():
    assert "canoes" in _tables("A boathouse rents canoes to paddlers; each rental has a canoe.")


def test_kinds_listed_after_are_are_a_type_field_not_tables():
    text = (
        "A farm shop keeps produce and suppliers. Suppliers are growers, bakers and dairies; "
        "each supplier delivers produce, and spoilage, theft and other losses are logged."
    )
    schemas = {s.name: s for s in sd.infer_schemas(sd.analyze(text))}
    assert "suppliers" in schemas, set(schemas)
    assert not {"growers", "bakers", "dairies", "spoilages", "thefts"} & set(schemas), set(schemas)
    kinds = next(f for f in schemas["suppliers"].fields if f.name in {"type", "role"})
    assert {"grower", "baker", "dairy"} <= set(kinds.enum_values or ()), kinds


def test_participles_opening_list_items_describe_their_noun():
    tables = _tables(
        "A theatre runs outreach programmes (school visits, guided tours, workshops); patrons "
        "book seats for performances."
    )
    assert not {"tours", "guided_tours", "visits", "workshops"} & tables, tables
    assert _tags("(talks, guided tours, workshops)")["guided"] == "ADJ"


def test_each_with_a_participle_after_a_comma_is_a_clause():
    things = _things("The farm has four barns, each split into pens, and pens hold goats.")
    assert "split" not in things, things
    assert {"barn", "pen"} <= set(things), things


def test_short_forms_are_written_out_with_their_number():
    from synthdata.analysis.reading import normalize

    tokens, read_as = normalize(tokenize("vet db: drs, rx's - each with a dose; the mgr's desk"))
    assert read_as["drs"] == "doctors", read_as
    assert read_as["db"] == "database", read_as
    assert read_as["mgr"] == "manager", read_as
    assert "prescriptions" in [t.text for t in tokens], tokens


def test_an_event_verb_before_a_thing_and_its_party_makes_the_event():
    links = _links("The depot lends tools to builders.")
    assert {("loans", "tools"), ("loans", "builders")} <= links, links
    assert ("tools", "builders") not in links, links
    links = _links("Members borrow kayaks from branches.")
    assert {("loans", "members"), ("loans", "kayaks"), ("loans", "branches")} <= links, links


def test_acts_done_to_a_thing_again_and_again_are_rows_of_their_own():
    links = _links("A stud farm: each foal is weighed weekly.")
    assert ("foal_weighings", "foals") in links, links
    analysis = sd.analyze("Tenants renew their leases yearly.")
    schemas = {s.name: s for s in sd.infer_schemas(analysis)}
    renewals = schemas["lease_renewals"]
    assert {fk.parent for fk in renewals.foreign_keys} == {"leases", "tenants"}
    assert any(f.type.name in {"DATE", "DATETIME"} for f in renewals.fields), renewals.fields
    # a table the text already has for the act takes the key
    tables = _tables("Boilers are inspected yearly and we keep inspections with a pass flag.")
    assert "boiler_inspections" not in tables, tables


def test_people_sharing_a_thing_own_it_in_shares():
    analysis = sd.analyze("Members can share a boat, with percentage shares.")
    schemas = {s.name: s for s in sd.infer_schemas(analysis)}
    ownerships = schemas["boat_ownerships"]
    assert {fk.parent for fk in ownerships.foreign_keys} == {"members", "boats"}
    assert "share_percentage" in {f.name for f in ownerships.fields}
    assert not schemas["members"].foreign_keys
    assert not schemas["boats"].foreign_keys
    # things sharing a place still hold its key
    assert ("dogs", "runs") in _links("Kennel: dogs sharing a run are fed together.")


def test_that_opens_a_clause_unless_it_points_at_one_thing():
    assert _tags("Hosts post notes that guests can read")["that"] == "PRON"
    assert "that_guest" not in _things("Hosts post notes that guests can read")
    assert _tags("We close on that day")["that"] == "DET"


def test_a_bare_head_stands_for_the_longer_thing_named_before():
    links = _links("Each campaign offers reward tiers, and backers pledge to a tier.")
    assert {("pledges", "backers"), ("pledges", "reward_tiers")} <= links, links


def test_fields_listed_after_the_doers_of_an_act_are_the_acts():
    analysis = sd.analyze("Each essay is marked by two teachers with a mark and feedback.")
    schemas = {s.name: s for s in sd.infer_schemas(analysis)}
    assert {"mark", "feedback"} <= {f.name for f in schemas["essay_marks"].fields}
    assert "feedback" not in {f.name for f in schemas["teachers"].fields}


def test_for_one_or_more_is_a_pairing():
    links = _links("Each booking is for one or more cabins on a ship.")
    assert {("booking_cabins", "bookings"), ("booking_cabins", "cabins")} <= links, links
    assert ("bookings", "cabins") not in links, links


def test_a_catalogue_word_given_values_in_brackets_is_a_field():
    text = (
        "An online shop: customers place orders, each order has a status (new, packed, shipped) "
        "and a category (gift, personal, business), and orders have lines with products."
    )
    schemas = {s.name: s for s in sd.infer_schemas(sd.analyze(text))}
    assert "categories" not in schemas, set(schemas)
    assert "category" in {f.name for f in schemas["orders"].fields}, schemas["orders"].fields


def test_one_at_a_time_is_a_history_of_spells_not_a_key():
    analysis = sd.analyze("Each desk has one employee at a time.")
    schemas = {s.name: s for s in sd.infer_schemas(analysis)}
    spells = schemas["employee_assignments"]
    assert {fk.parent for fk in spells.foreign_keys} == {"desks", "employees"}
    assert {"started_on", "ended_on"} <= {f.name for f in spells.fields}
    assert not schemas["desks"].foreign_keys


def test_rows_said_to_be_one_of_two_participles_get_that_choice():
    analysis = sd.analyze("A hostel with guests; each locker hired or returned is logged.")
    schemas = {s.name: s for s in sd.infer_schemas(analysis)}
    assert "locker_hireds" not in schemas, set(schemas)
    outcome = next(f for f in schemas["lockers"].fields if f.name == "outcome")
    assert set(outcome.enum_values or []) == {"hired", "returned"}


def test_a_singular_noun_per_another_thing_is_a_kind_of_record():
    assert "payslip" in _things("Each payroll run makes a payslip per worker.")
    assert "milk_yield" not in _things("We keep the milk yield per cow.")


def test_an_act_between_parties_holds_the_doer_the_thing_and_the_party():
    links = _links("Shoppers return parcels to depots.")
    assert {("returns", "shoppers"), ("returns", "parcels"), ("returns", "depots")} <= links
    assert ("parcels", "shoppers") not in links, links
    links = _links("Clinic: we refer patients to specialists.")
    assert {("referrals", "patients"), ("referrals", "specialists")} <= links, links


def test_things_entered_in_events_are_entries_of_the_event():
    links = _links("Pigeon club: we enter pigeons in races and record the placing.")
    assert {("race_entries", "pigeons"), ("race_entries", "races")} <= links, links
    assert ("races", "pigeons") not in links, links
    assert ("pigeons", "races") not in links, links
    links = _links("Kennel club: we enter dogs in shows.")
    assert {("entries", "dogs"), ("entries", "shows")} <= links, links


def test_a_person_booked_for_each_thing_is_that_things_key():
    links = _links("We book a driver for each excursion.")
    assert ("excursions", "drivers") in links, links
    assert ("drivers", "excursions") not in links, links
    assert ("logbooks", "drivers") in _links("We keep a logbook for each driver.")


def test_whether_something_happened_is_a_yes_no_field_on_the_record_that_keeps_it():
    assert _tags("Each audit records whether the shop passed")["records"] == "VERB"
    schemas = {
        s.name: s
        for s in sd.infer_schemas(
            sd.analyze("Technicians inspect boilers and note whether they passed.")
        )
    }
    flag = next(f for f in schemas["inspections"].fields if f.name == "has_passed")
    assert flag.type.name == "BOOLEAN"
    schemas = {
        s.name: s
        for s in sd.infer_schemas(
            sd.analyze("A council keeps permits; each permit records whether it was renewed.")
        )
    }
    assert "is_renewed" in {f.name for f in schemas["permits"].fields}


def test_an_act_without_an_object_that_recurs_is_a_row_of_its_doer():
    assert ("subscriber_renewals", "subscribers") in _links("Subscribers renew every year.")


def test_people_judging_things_make_a_table_of_the_act_or_key_the_one_the_text_names():
    analysis = sd.analyze("At the show, judges score cakes.")
    schemas = {s.name: s for s in sd.infer_schemas(analysis)}
    assert {fk.parent for fk in schemas["scores"].foreign_keys} == {"cakes", "judges"}
    assert "score" in {f.name for f in schemas["scores"].fields}
    tables = _tables("Each kitchen is assessed by two assessors; kitchen assessments list hazards.")
    assert "kitchen_assessments" in tables, tables


def test_moved_from_one_place_to_another_is_a_movement():
    links = _links("Crates are moved from one depot to another.")
    assert ("crate_movements", "depots") in links, links
    assert ("crates", "depots") not in links, links


def test_what_an_opening_fragment_says_the_business_trades_in_is_not_a_table():
    text = (
        "Tile wholesaler supplying showrooms. Builders open accounts and place orders; each "
        "order has lines with tiles."
    )
    assert "showroom" not in _things(text), _things(text)
    kept = "Boat yard storing yachts. Owners pay a fee for each yacht, and yachts get repairs."
    assert "yacht" in _things(kept), _things(kept)


def test_the_data_model_asked_for_is_not_a_table():
    things = _things("We need a new data model for our depot: vans carry parcels to customers.")
    assert "data_model" not in things, things


def test_a_noun_after_in_their_own_is_not_a_table():
    tables = _tables(
        "A tutoring agency sends tutors to pupils in their own homes; each lesson has a tutor "
        "and a pupil."
    )
    assert "homes" not in tables, tables
    assert {"tutors", "pupils", "lessons"} <= tables, tables


def test_a_bracketed_list_of_examples_names_no_tables():
    things = _things(
        "Each guest has a profile (diet notes, allergies, room prompts, that sort of thing) "
        "and makes bookings."
    )
    assert not {"allergy", "prompt", "room_prompt"} & set(things), things
    assert _tags("(diet notes, that sort of thing)")["sort"] == "NOUN"
