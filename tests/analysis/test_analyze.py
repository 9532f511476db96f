import pytest

import synthdata as sd
from synthdata.analysis.analyze import plan_from_text


def _tables(context: str, **kwargs) -> list[str]:
    return [r.name for r in sd.analyze(context, **kwargs).requirements]


def _schemas(context: str) -> dict[str, sd.Schema]:
    return {s.name: s for s in sd.infer_schemas(sd.analyze(context))}


def test_reference_example_shape():
    """The analysis has exactly the API reference's fields."""
    body = sd.analyze(
        "Healthcare clinic with 200 patients needs patient records and appointment scheduling"
    ).model_dump(mode="json")
    assert set(body) == {"domain", "confidence", "requirements", "keywords", "suggested_schemas"}
    assert body["domain"] == "healthcare"
    assert body["confidence"] > 0.8
    first = body["requirements"][0]
    assert set(first) == {"name", "description", "data_type", "estimated_volume"}
    assert first == {**first, "name": "patients", "data_type": "tabular", "estimated_volume": "200"}
    volumes = {r["name"]: r["estimated_volume"] for r in body["requirements"]}
    assert volumes["appointments"] == "1000"  # 200 patients x about 5 appointments each
    assert {"patient", "appointment", "clinic"} <= set(body["keywords"])


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        (
            "Legal firm case management with clients, cases, and documents",
            {"clients", "cases", "documents"},
        ),
        (
            "We track inspections for each building, and tenants sign leases on units",
            {"buildings", "tenants", "leases", "units"},
        ),
        (
            "Physicians see patients; every appointment belongs to a patient",
            {"physicians", "patients", "appointments"},
        ),
        (
            "an app where users connect bank accounts and log transactions into categories",
            {"users", "bank_accounts", "transactions", "categories"},
        ),
    ],
)
def test_entities_in_any_grammatical_shape(context, expected):
    """Lists, "for each", "belongs to", synonyms (physicians) and plurals all find the tables."""
    assert expected <= set(_tables(context))


def test_relationship_phrases_become_foreign_keys():
    schemas = _schemas("Legal firm case management with clients, cases, and documents")
    assert schemas["cases"].field("client_id").references == "clients.id"
    assert schemas["documents"].field("case_id").references == "cases.id"


@pytest.mark.parametrize(
    ("context", "table", "volume"),
    [
        ("Clinic with 200 patients and their appointments", "patients", 200),
        ("Online store with about 5k orders from customers", "orders", 5000),
        ("Budgeting app with 1.2 million transactions", "transactions", 1_200_000),
        ("HR system for a few dozen employees across 4 departments", "employees", 36),
        ("HR system for a few dozen employees across 4 departments", "departments", 4),
    ],
)
def test_stated_volumes_attach_to_their_entity(context, table, volume):
    schemas = _schemas(context)
    assert schemas[table].volume == volume


def test_children_scale_from_stated_parents_and_parents_from_children():
    schemas = _schemas("Bank with about 1.2 million transactions on customer accounts")
    assert schemas["transactions"].volume == 1_200_000
    assert schemas["accounts"].volume == 48_000  # 1.2M / ~25 transactions per account
    assert schemas["customers"].volume == 24_000  # 48k accounts / ~2 per customer


def test_implied_entities_for_a_short_description():
    """A bakery implies products, customers, orders and their lines."""
    assert set(_tables("a bakery")) == {"products", "customers", "orders", "order_items"}


def test_many_to_many_makes_a_link_table():
    context = "Bookshop: a book can have several authors and an author can write many books"
    schemas = _schemas(context)
    link = schemas["book_authors"]
    assert link.unique_together == [["book_id", "author_id"]]
    assert {fk.parent for fk in link.foreign_keys} == {"books", "authors"}


def test_enrolment_verb_makes_enrolments():
    assert "enrollments" in _tables("Language school where students enrol in courses")


def test_self_reference():
    schemas = _schemas("HR system: employees report to managers, who are employees too")
    assert schemas["employees"].field("manager_id").references == "employees.id"


def test_unknown_entities_get_a_schema_from_their_name():
    """Tables the catalogue does not know still come out with sensible fields."""
    schemas = _schemas("A winery: we track vineyards, grape varieties, harvests and wine barrels")
    assert {"vineyards", "grape_varieties", "wine_barrels", "harvests"} <= set(schemas)
    names = schemas["vineyards"].field_names
    assert names[:2] == ["id", "name"]
    assert "created_at" in names


def test_examples_names_and_attributes_are_not_tables():
    tables = _tables(
        "Public library with 9 branches. Patrons borrow items (books, DVDs, "
        "audiobooks) and we track loans, holds and fines in Leeds, quantity and rsvp"
    )
    assert not {"dvds", "audiobooks", "leeds", "quantities", "rsvps"} & set(tables)


def test_confidence_means_something():
    clear = sd.analyze("Dental clinic with patients, dentists and appointments")
    noise = sd.analyze("asdf qwerty")
    assert clear.confidence > 0.8
    assert noise.confidence < 0.2
    assert noise.domain == "general"


def test_domain_hint_steers_but_does_not_override():
    ambiguous = "We manage bookings and payments"
    assert sd.analyze(ambiguous, domain_hint="hospitality").domain == "hospitality"
    assert sd.analyze(ambiguous, domain_hint="Hotel").domain == "hospitality"  # an alias
    clinic = "Hospital with doctors, nurses, patients and appointments"
    assert sd.analyze(clinic, domain_hint="finance").domain == "healthcare"


def test_foreign_nouns_used_as_verbs_are_ignored():
    """In a ryokan, guests *book*: that is not a table of books."""
    assert "books" not in _tables("Ryokan in Kyoto: guests book direct or through OTAs")


def test_inferred_schemas_generate_consistent_samples():
    schemas = sd.infer_schemas(
        sd.analyze(
            "Property management company with 40 buildings and 1,100 units; tenants sign leases "
            "and pay rent monthly; maintenance requests go to technicians"
        )
    )
    frames = sd.sample(schemas, rows=20)
    report = sd.validate(frames, schemas)
    assert not [c for c in report.failures if c.check != "null_rate"], report.summary()
    leases = next(s for s in schemas if s.name == "leases")
    assert [str(c) for c in leases.constraints] == ["end_date >= start_date"]


def test_analysis_round_trips_through_json():
    """An analysis read back from JSON still infers the same tables and links."""
    analysis = sd.analyze("Auto repair shop with customers, vehicles and repair orders")
    again = sd.Analysis.model_validate_json(analysis.model_dump_json())
    before = {s.name: sorted(f.name for f in s.fields) for s in sd.infer_schemas(analysis)}
    after = {s.name: sorted(f.name for f in s.fields) for s in sd.infer_schemas(again)}
    assert after == before


@pytest.mark.parametrize(
    ("context", "message"),
    [
        ("", "context must be a non-empty description of the business"),
        ("   ", "context must be a non-empty description of the business"),
        ("x" * 20_001, "context must be at most 20000 characters (got 20001)"),
    ],
)
def test_bad_context_is_a_clear_error(context, message):
    with pytest.raises(sd.InvalidInputError) as info:
        sd.analyze(context)
    assert str(info.value) == message


def test_plan_is_deterministic():
    text = "Pizza place with 30k orders; customers order pizzas, sides and drinks"
    assert plan_from_text(text).entities.keys() == plan_from_text(text).entities.keys()


def test_has_a_role_and_has_many_phrases():
    """ "each rental has a pickup branch" names a role; "X has many Y" makes Y the child."""
    schemas = _schemas(
        "Car hire firm with branches, cars, customers and rentals; each rental has "
        "a pickup branch. Customers have many rentals."
    )
    rentals = schemas["rentals"]
    assert rentals.field("pickup_branch_id").references == "branches.id"
    assert rentals.field("customer_id").references == "customers.id"


def test_text_links_never_close_a_cycle():
    """A phrase that would make required keys circular is left out; schemas stay loadable."""
    context = (
        "Contract manufacturer: work orders run on production lines, inspections for each "
        "work order, and each production line has an inspection"
    )
    schemas = sd.infer_schemas(sd.analyze(context))
    assert sd.check_schemas(schemas)


def test_locale_from_places():
    assert _schemas("Physio clinic in Madrid with patients")["patients"].locale == "es_ES"
    assert _schemas("A ryokan in Kyoto with guests and rooms")["guests"].locale == "ja_JP"
    assert _schemas("a bakery")["customers"].locale is None


def test_things_a_verb_event_pairs_are_not_keyed_to_each_other():
    # the orders the verb makes hold both; the cakes are not the shoppers'
    links = {
        (s.name, fk.parent)
        for s in _schemas("Patisserie: shoppers order cakes and tarts").values()
        for fk in s.foreign_keys
    }
    assert ("orders", "shoppers") in links
    assert not {("cakes", "shoppers"), ("tarts", "shoppers")} & links


def test_a_thing_in_a_collection_is_not_keyed_to_the_collection_owner():
    schemas = _schemas("Bookshop app: readers keep wishlists of books and follow authors")
    links = {(s.name, fk.parent) for s in schemas.values() for fk in s.foreign_keys}
    assert ("books", "readers") not in links
    assert {("wishlist_books", "wishlists"), ("wishlist_books", "books")} <= links


def test_can_cover_two_is_a_pairing_and_no_single_key():
    schemas = _schemas("Cattery: owners board cats; one booking can cover two cats")
    links = {(s.name, fk.parent) for s in schemas.values() for fk in s.foreign_keys}
    assert {("booking_cats", "bookings"), ("booking_cats", "cats")} <= links
    assert ("bookings", "cats") not in links
    assert ("cats", "owners") in links


def test_checked_by_several_is_a_table_of_the_act():
    schemas = _schemas(
        "Insurer: policyholders file claims and each claim is checked by two or more assessors"
    )
    links = {(s.name, fk.parent) for s in schemas.values() for fk in s.foreign_keys}
    assert {("claim_assessments", "claims"), ("claim_assessments", "assessors")} <= links
    assert ("claims", "assessors") not in links
    assert "outcome" in {f.name for f in schemas["claim_assessments"].fields}


def test_each_application_is_a_record_not_the_software():
    schemas = _schemas("Nonprofits apply for grants; each application is scored by three judges")
    links = {(s.name, fk.parent) for s in schemas.values() for fk in s.foreign_keys}
    assert "applications" in schemas
    assert {("application_scores", "applications"), ("application_scores", "judges")} <= links


def test_people_an_event_pairs_hold_no_key_to_each_other_unless_said():
    # "see" pairs clients and vets through the visits; a named own vet is a key
    schemas = _schemas("Pet clinic: clients see vets at visits")
    links = {(s.name, fk.parent) for s in schemas.values() for fk in s.foreign_keys}
    assert {("visits", "clients"), ("visits", "veterinarians")} <= links
    assert not {("veterinarians", "clients"), ("clients", "veterinarians")} & links
    said = _schemas("Pet clinic: each client has a regular vet; clients see vets at visits")
    links = {(s.name, fk.parent) for s in said.values() for fk in s.foreign_keys}
    assert ("clients", "veterinarians") in links


def test_goods_an_order_in_the_clause_lists_belong_to_no_customer():
    schemas = _schemas("Bakery: customers place orders for cakes and breads")
    links = {(s.name, fk.parent) for s in schemas.values() for fk in s.foreign_keys}
    assert not {("cakes", "customers"), ("breads", "customers")} & links
    assert {("orders", "customers"), ("order_items", "cakes"), ("order_items", "breads")} <= links


def test_a_keyword_said_again_says_less_about_the_business():
    """A theatre company that says "production" five times is not a factory."""
    theatre = sd.analyze(
        "Theatre production company: each production has a director and a run of performances; "
        "productions tour venues, every production hires actors per production, and production "
        "budgets are tracked."
    )
    assert theatre.domain in {"entertainment", "media", "arts"}
    helpdesk = sd.analyze(
        "A helpdesk for a software company: customers open tickets, agents answer tickets, tickets "
        "have priorities, tickets escalate to engineers, and each ticket has replies."
    )
    assert helpdesk.domain in {"it", "saas", "software"}


def _fields_of(text: str, table: str) -> dict[str, sd.Field]:
    return {f.name: f for f in _schemas(text)[table].fields}


def _columns(text: str) -> set[tuple[str, str]]:
    """(table, column) of every column the text's schemas have."""
    return {(s.name, f.name) for s in _schemas(text).values() for f in s.fields}


def test_tables_the_catalogue_lacks_get_the_fields_of_their_kind():
    """A modeller's defaults by the head noun when no template knows the table."""
    text = (
        "A ferry operator keeps quays and moorings. Deckhands file hull fault reports against a "
        "vessel, every vessel gets a repainting each spring, and deckhands carry access badges."
    )
    faults = _fields_of(text, "hull_fault_reports")
    assert {"reported_at", "severity", "status"} <= set(faults)
    assert "open" in (faults["status"].enum_values or [])
    badges = _fields_of(text, "access_badges")
    assert {"badge_number", "issued_on", "expires_on", "status"} <= set(badges)
    assert badges["status"].enum_values == ["active", "expired", "revoked"]
    assert "repainted_at" in _fields_of(text, "repaintings")


def test_an_event_is_dated_by_its_verb():
    from synthdata.analysis.kinds import done_form, verbal_noun

    assert done_form("inspection") == "inspected"
    assert done_form("donation") == "donated"
    assert done_form("weighing") == "weighed"
    assert done_form("renewal") == "renewed"
    assert done_form("delivery") == "delivered"
    assert done_form("quay") is None
    assert verbal_noun("bottling")
    assert not verbal_noun("building")


def test_seasons_are_when_not_tables():
    tables = sd.analyze(
        "Each vessel gets a repainting each spring and a hull survey every winter."
    ).suggested_schemas
    assert "vessels" in tables
    assert not {"springs", "winters"} & set(tables)


def test_examples_of_a_thing_are_values_of_its_type():
    text = (
        "The water board maps pipe runs between nodes such as valves, hydrants and junctions; "
        "we sell products like seeds, bulbs and garden tools to members."
    )
    nodes = _fields_of(text, "nodes")
    assert nodes["type"].enum_values == ["valve", "hydrant", "junction"]
    products = _fields_of(text, "products")
    assert products["type"].enum_values == ["seed", "bulb", "garden_tool"]
    tables = set(_schemas(text))
    assert not {"valves", "hydrants", "bulbs"} & tables


def test_moments_listed_before_a_head_share_it():
    from synthdata.analysis.kinds import done_form, shared_heads

    fields = [("title", ()), ("start", ()), ("wrap_date", ()), ("open", ()), ("close_time", ())]
    assert [n for n, _ in shared_heads(fields)] == [
        "title",
        "start_date",
        "wrap_date",
        "open_time",
        "close_time",
    ]
    assert done_form("production") == "produced"
    shoot = _fields_of(
        "A film company: each production has a title, a budget, start and wrap dates.",
        "productions",
    )
    assert shoot["start_date"].type is sd.FieldType.DATE


def test_buyers_and_sellers_of_a_marketplace_are_users():

    text = (
        "A marketplace for vintage guitars: sellers post guitars with a price, buyers make "
        "offers on guitars, and an accepted offer becomes a sale."
    )
    schemas = _schemas(text)
    assert "users" in schemas, set(schemas)
    assert not {"buyers", "sellers"} & set(schemas), set(schemas)
    parents = {fk.parent for s in schemas.values() for fk in s.foreign_keys}
    assert "users" in parents, parents


def test_a_choice_word_given_values_is_a_field_even_in_the_plural():

    text = (
        "A theatre company keeps productions and performers; performers join productions in "
        "various roles (lead, understudy, chorus), and audiences book seats for performances."
    )
    tables = set(_schemas(text))
    assert "roles" not in tables, tables
    assert "productions" in tables, tables


def test_kinds_of_people_put_on_duty_together_are_one_staff_table():

    text = (
        "A ferry operator runs sailings between ports; deckhands and engineers are assigned to "
        "each sailing, and passengers buy tickets for sailings."
    )
    schemas = _schemas(text)
    assert "staff_members" in schemas, set(schemas)
    assert not {"deckhands", "engineers"} & set(schemas), set(schemas)
    role = next(f for f in schemas["staff_members"].fields if f.name == "role")
    assert {"deckhand", "engineer"} <= set(role.enum_values or ()), role
    assert "sailing_staff" in schemas, set(schemas)


def test_a_thing_staffed_with_kinds_of_people_gets_a_staff_pairing():

    text = (
        "A river cruise company sells cruises to guests; each cruise is staffed with a "
        "captain plus deckhands and engineers from our crew."
    )
    tables = set(_schemas(text))
    assert not {"deckhands", "engineers"} & tables, tables
    assert any(t.endswith("_staff") for t in tables), tables


def test_things_with_a_persons_ending_are_not_people():
    from synthdata.analysis.reading import agent_noun

    assert not any(agent_noun(w) for w in ("tree", "workover", "waitlist", "coffee", "reagent"))
    assert all(agent_noun(w) for w in ("groomer", "trainee", "specialist", "referee", "mover"))
    trees = _fields_of("Foresters measure trees in sample plots of each stand.", "trees")
    assert "first_name" not in trees


def test_an_agreement_is_signed_runs_and_expires():
    deals = _fields_of(
        "Forest owners sell timber under timber sale contracts with pulp mills.",
        "timber_sale_contracts",
    )
    assert {"contract_number", "signed_on", "starts_on", "expires_on", "value"} <= set(deals)
    assert "file_name" not in deals


def test_kinds_sharing_a_head_are_one_table():
    for text in (
        "A ski school: instructors teach group lessons and private lessons at two resorts.",
        "A ski school: instructors teach group and private lessons at two resorts.",
    ):
        tables = _schemas(text)
        assert "lessons" in tables, text
        assert not {"group_lessons", "private_lessons"} & set(tables), text
        kinds = {f.name: f for f in tables["lessons"].fields}["type"]
        assert kinds.enum_values == ["group", "private"]
    shifts = _fields_of("Wardens work day and night shifts at the reserve.", "shifts")
    assert shifts["type"].enum_values == ["day", "night"]


def test_what_the_text_says_a_thing_is_is_not_a_table():
    from synthdata.analysis.reading import read, what_things_are
    from synthdata.analysis.text import tokenize

    tokens = tokenize(
        "A ferry line runs sailings. A sailing is one operation of a route, and a route is a "
        "pair of ports; passengers and crews book sailings."
    )
    spans = [(n.key, n.first, n.last, "") for n in read(tokens).nouns]
    described = what_things_are(tokens, spans)
    assert described.get("operation") == "sailing", described
    assert "port" not in described, described
    tokens = tokenize("Vans need checks, and roadside checks are a chore; drivers log fuel stops.")
    spans = [(n.key, n.first, n.last, "") for n in read(tokens).nouns]
    assert what_things_are(tokens, spans).get("chore") == "roadside_check"


def test_a_bound_on_a_count_is_not_a_field():
    lessons = _fields_of(
        "A ski school: students book lessons; each lesson has one instructor and up to eight "
        "students, and at least two slopes are open.",
        "lessons",
    )
    assert not {"up", "at", "least"} & set(lessons)


def test_an_event_keyed_only_to_people_is_about_the_subject():
    links = _columns(
        "Rabbit rescue with around 80 rabbits. Volunteers foster rabbits at home; "
        "adopters apply to adopt a rabbit and a vet records vaccinations."
    )
    assert ("vaccinations", "rabbit_id") in links


def test_the_record_of_an_act_done_to_a_thing_is_the_things():
    links = _columns(
        "Boat insurer: owners insure boats; each claim is assessed by a surveyor who "
        "writes an assessment, and claims are paid by cheque."
    )
    assert ("assessments", "claim_id") in links, links


def test_a_plural_before_and_is_no_kind_and_medications_are_things():
    tables = _schemas(
        "A beekeeping club: members keep hives at apiaries; each hive gets inspected "
        "every two weeks and honey harvests are weighed. Vets prescribe medications."
    )
    harvests = next(s for name, s in tables.items() if name.endswith("harvests"))
    kinds = {f.name: f for f in harvests.fields}.get("type")
    assert kinds is None or "weeks" not in (kinds.enum_values or [])
    from synthdata.analysis.reading import event_noun

    assert not event_noun("medication")
