"""Record types a text names or clearly implies become tables under the name a modeller
would use."""

import synthdata as sd


def _schemas(context: str) -> dict[str, sd.Schema]:
    return {s.name: s for s in sd.infer_schemas(sd.analyze(context))}


def _keys(schema: sd.Schema) -> set[str]:
    return {f.name for f in schema.fields if f.name.endswith("_id")}


def test_an_event_someone_logs_is_a_table():
    """'a technician logs the inspection': one inspection is named, but each is a row."""
    schemas = _schemas(
        "Our bicycle co-op keeps bikes that members borrow for a weekend. After each weekend a "
        "technician logs the inspection and any parts replaced."
    )
    assert "inspections" in schemas
    assert "technician_id" in _keys(schemas["inspections"])


def test_a_things_own_state_that_is_recorded_is_not_a_table():
    """'we record its condition': a field of the thing, not a record of its own."""
    schemas = _schemas(
        "A gallery lends paintings to other galleries. For each painting we record its "
        "condition and its insurance value."
    )
    assert "conditions" not in schemas


def test_plural_compound_subject_before_its_verb():
    """'Boat hires record which guest took which boat': 'hires' heads the subject, 'record' is
    the verb."""
    schemas = _schemas(
        "Lakeside boat rental. Boats have a name and a number of seats; guests have a name and a "
        "phone. Boat hires record which guest took which boat and when it came back."
    )
    assert "boat_hires" in schemas
    assert {"guest_id", "boat_id"} <= _keys(schemas["boat_hires"])


def test_items_a_document_has_are_its_lines():
    """'each sale has several items': the sale's lines (sale_items), not the catalogue's game
    items."""
    schemas = _schemas(
        "Garden centre tills. Customers buy plants and tools; each sale has several items and is "
        "rung up by one cashier."
    )
    assert "items" not in schemas
    assert "sale_items" in schemas
    assert "sale_id" in _keys(schemas["sale_items"])
    assert "rarity" not in {f.name for f in schemas["sale_items"].fields}


def test_escalations_between_groups_are_events():
    """'cases get escalated between desks': each escalation is a row, from one desk to another."""
    schemas = _schemas(
        "Insurance call centre. Callers open cases, clerks work in desks, and cases get "
        "escalated between desks."
    )
    assert "escalations" in schemas
    keys = _keys(schemas["escalations"])
    assert {"from_desk_id", "to_desk_id"} <= keys


def test_a_stranded_verb_of_a_relative_clause():
    """'recipes that members can comment on': the members comment on the recipes."""
    schemas = _schemas(
        "Baking club website. Bakers share recipes that members can comment on, and editors "
        "feature one recipe a week."
    )
    assert "comments" in schemas
    assert {"member_id", "recipe_id"} <= _keys(schemas["comments"])


def test_a_noun_phrase_after_need():
    """'we need court hire slips': 'court' is a noun modifier after 'need', not a verb."""
    tags_text = "Squash club. We need court hire slips and invoices for every member."
    from synthdata.analysis.reading import normalize, read
    from synthdata.analysis.text import tokenize

    tokens, _ = normalize(tokenize(tags_text))
    tags = dict(zip((t.text for t in tokens), read(tokens).tags, strict=True))
    assert tags["court"] == "NOUN"


def test_a_measure_of_goods_named_with_its_act():
    """'every crate of apples shipped': the rows are apple shipments, not crates, and the
    apples need no table of their own."""
    schemas = _schemas(
        "Family orchard. We sell to grocers, and every crate of apples shipped is weighed on "
        "the farm scale."
    )
    assert "apple_shipments" in schemas
    assert "crates" not in schemas
    assert "apples" not in schemas
    assert not any(name.endswith("_items") for name in schemas)


def test_no_verb_right_after_of():
    """'each batch of logs': a plural after 'of' is a noun even where the lexicon knows only a
    verb."""
    from synthdata.analysis.reading import normalize, read
    from synthdata.analysis.text import tokenize

    tokens, _ = normalize(tokenize("Each stack of logs is stored in a shed."))
    tags = dict(zip((t.text for t in tokens), read(tokens).tags, strict=True))
    assert tags["logs"] == "NOUN"


def _tag_of(text: str, word: str) -> str:
    from synthdata.analysis.reading import normalize, read
    from synthdata.analysis.text import tokenize

    tokens, _ = normalize(tokenize(text))
    tags = read(tokens).tags
    return next(tag for t, tag in zip(tokens, tags, strict=True) if t.text == word)


def test_a_word_after_every_is_a_noun():
    """'the score of every match and keep': 'match' is a noun after 'every', even before a
    verb joined by 'and'."""
    assert _tag_of("We log the score of every match and keep a league table.", "match") == "NOUN"
    assert _tag_of("Two depots, each split into bays.", "split") == "VERB"


def test_a_plural_naming_a_table():
    """'redeems table will be huge': a table of redemptions, though 'redeems' reads as a
    verb."""
    schemas = _schemas(
        "Podcast host: shows have episodes, listeners follow shows, redeems table will be "
        "huge, maybe 90M rows."
    )
    assert "redeems" in schemas


def test_entering_a_competition_is_an_entry():
    """'rowers enter a regatta': each entry is a row keyed to the rower and the regatta; data
    entered into a ledger is not."""
    schemas = _schemas("Rowing club. Rowers enter a regatta each summer; each regatta has races.")
    entries = [s for name, s in schemas.items() if name.endswith("entries")]
    assert entries
    assert {"rower_id", "regatta_id"} <= _keys(entries[0])
    schemas = _schemas("Clerks enter invoices into the ledger and managers approve them.")
    assert not any(name.endswith("entries") for name in schemas)


def test_a_particle_compound_written_apart_is_one_noun():
    """'drop offs where a parent leaves a child': the drop-offs are rows, not a field of the
    thing listed before them, and their key is drop_off_id."""
    from synthdata.analysis.text import tokenize

    assert [t.text for t in tokenize("drop offs and the ins and outs")][:1] == ["drop_offs"]
    assert "ins" in [t.text for t in tokenize("the ins and outs")]
    schemas = _schemas(
        "nursery db - children (name, dob, allergies), parents w/ phone, fees, drop offs where "
        "a parent leaves a child at the door"
    )
    assert "drop_offs" in schemas
    assert _verb_tag("trade ins where a customer brings in old phones", "brings") == "VERB"


def _verb_tag(text: str, word: str) -> str:
    return _tag_of(text, word)


def test_a_series_of_verbs_after_a_modal():
    """'guests can book a room, file a written complaint and save hotels': 'file' and 'save'
    are verbs of the series after 'can', and the complaint someone leaves is a table."""
    text = (
        "Hotel booking site. Guests can book a room for two nights, file a written complaint "
        "and save hotels to their wishlists."
    )
    assert _tag_of(text, "file") == "VERB"
    assert _tag_of(text, "save") == "VERB"
    assert "complaints" in _schemas(text)


def test_the_same_person_in_many_records():
    """'the same person can turn up in many cases': people are a table shared by the cases,
    paired with them, the pairing named after the tables."""
    schemas = _schemas(
        "Legal aid clinic. Lawyers open cases, each case can involve several people (client, "
        "opposing party) and the same person can turn up in many cases."
    )
    pairings = [s for s in schemas.values() if {"case_id", "person_id"} <= _keys(s)]
    assert pairings


def test_a_catalogue_thing_done_again_and_again_is_an_event():
    """'whenever a service is performed we record the client, the service and the stylist':
    each time is a row keyed to all three; the services stay a list without those keys."""
    schemas = _schemas(
        "Hair salon. Services are listed with a code, a name and a price. Clients have a name "
        "and a phone; stylists have a name. Whenever a service is performed we record the "
        "client, the service, the stylist who did it and the date."
    )
    events = [s for s in schemas.values() if {"client_id", "service_id", "stylist_id"} <= _keys(s)]
    assert events
    assert not {"client_id", "stylist_id"} & _keys(schemas["services"])


def test_a_list_of_people_in_a_records_fields_is_a_pairing():
    """'each expedition has a name, a start date and a list of climbers': the climbers are
    paired with the expeditions, not a key on the expedition."""
    schemas = _schemas(
        "Mountaineering club. Each expedition has a name, a start date, a budget and a list of "
        "climbers. Climbers have a name, a phone and a grade."
    )
    assert "climber_id" not in _keys(schemas["expeditions"])
    pairings = [s for s in schemas.values() if {"expedition_id", "climber_id"} <= _keys(s)]
    assert pairings


def test_a_kind_with_fields_of_its_own_is_a_table():
    """'disk type (capacity, read speed, monthly price)' among a server's fields: the disk
    types are a table with those fields, each server keyed to one; values in parentheses
    ('a backup level (none, daily, hourly)') stay choices of a field."""
    schemas = _schemas(
        "Hosting company. Customers rent servers. For each server we store the hostname, "
        "region, disk type (capacity, read speed, monthly price), a backup level (none, daily, "
        "hourly) and status."
    )
    assert "disk_types" in schemas
    assert {"capacity", "monthly_price"} <= {f.name for f in schemas["disk_types"].fields}
    assert "disk_type_id" in _keys(schemas["servers"])
    assert "backup_levels" not in schemas


def test_assigned_again_each_period_is_an_event():
    """'vans assigned to depots each week': each week's assignment is a row keyed to both."""
    schemas = _schemas(
        "Parcel firm. Vans (plate, capacity) assigned to depots each week; depots have a name "
        "and an address."
    )
    events = [s for s in schemas.values() if {"van_id", "depot_id"} <= _keys(s)]
    assert any(s.name.endswith("_assignments") for s in events)


def test_which_things_asked_further_on_in_a_for_each_clause():
    """'for each trip we plan the route in detail and note which guides lead it': the trip's
    question over guides is a pairing of trips and guides, though other words come first."""
    schemas = _schemas(
        "Hiking company. Guides have a name and a phone. For each trip we plan the route and "
        "the huts in detail and note which guides lead it."
    )
    pairings = [s for s in schemas.values() if {"trip_id", "guide_id"} <= _keys(s)]
    assert pairings
    assert "guide_id" not in _keys(schemas["trips"])


def test_a_programme_of_things_is_a_pairing():
    """'for each festival we put together a programme of films': films are shown at many
    festivals, so the programme is a pairing, not a key on the films."""
    schemas = _schemas(
        "Film society. Films have a title, a director and a year. For each festival we put "
        "together a programme of films and sell passes."
    )
    pairings = [s for s in schemas.values() if {"festival_id", "film_id"} <= _keys(s)]
    assert pairings
    assert "festival_id" not in _keys(schemas["films"])


def test_the_verb_after_a_prepositional_phrase_is_the_heads():
    """'shipments to our stores list the pallets': the shipments list them, not the
    stores."""
    schemas = _schemas(
        "Wholesale depot. Stores have a name and a city. Pallets have a barcode and a weight. "
        "Weekly shipments to our stores list the pallets and the weight of each."
    )
    pairs = [s for s in schemas.values() if {"shipment_id", "pallet_id"} <= _keys(s)]
    assert pairs or "shipment_id" in _keys(schemas["pallets"])
    assert not any({"store_id", "pallet_id"} <= _keys(s) for s in schemas.values())


def test_co_owners_are_owners():
    """'a list of co-owners' beside owners the text names: the same people, no table of
    co-owners of its own."""
    schemas = _schemas(
        "Marina. Owners have a name and a phone. Each boat has a name, a length, a berth and a "
        "list of co-owners."
    )
    assert "co_owners" not in schemas
    assert any({"boat_id", "owner_id"} <= _keys(s) for s in schemas.values())
