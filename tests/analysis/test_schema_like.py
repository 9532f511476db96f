"""Descriptions written the way people describe a database they have: record types, their
fields in lists, and how they relate, said outright. Sentences here are written for these tests
(none from the development or held-out sets)."""

from __future__ import annotations

import synthdata as sd


def _schemas(text: str) -> dict[str, sd.Schema]:
    return {s.name: s for s in sd.infer_schemas(sd.analyze(text))}


def _keys(schema: sd.Schema) -> dict[str, str]:
    return {fk.field: fk.parent for fk in schema.foreign_keys}


def test_measures_in_a_field_list_are_fields_not_tables():
    schemas = _schemas(
        "Our charity database: branches have a name, budget and opening date; arenas have a "
        "capacity and average attendance. Volunteers help at branches."
    )
    assert "budgets" not in schemas
    assert "attendances" not in schemas
    assert "budget" in schemas["branches"].field_names
    assert "average_attendance" in schemas["arenas"].field_names


def test_a_person_said_to_be_another_is_a_key_in_that_role():
    schemas = _schemas(
        "Company records: divisions have a name, a cost centre and a head who is an employee. "
        "Every employee belongs to a division."
    )
    assert "heads" not in schemas
    assert _keys(schemas["divisions"]).get("head_id") == "employees"
    assert _keys(schemas["employees"]).get("division_id") == "divisions"
    sample = sd.sample(list(schemas.values()), rows=20, seed=3)
    employees = set(sample["employees"]["id"].to_list())
    heads = [h for h in sample["divisions"]["head_id"].to_list() if h is not None]
    assert heads
    assert set(heads) <= employees


def test_people_working_on_things_are_paired():
    schemas = _schemas("Engineers work on prototypes. Each prototype has a code and a deadline.")
    pairing = [s for s in schemas.values() if set(_keys(s).values()) == {"engineers", "prototypes"}]
    assert pairing, schemas.keys()
    assert "prototype_id" not in schemas["engineers"].field_names


def test_several_people_in_each_event_are_paired():
    schemas = _schemas(
        "A jazz festival: musicians have a name and instrument. Gigs are held at venues on a "
        "date. Several musicians play in each gig."
    )
    pairing = [s for s in schemas.values() if set(_keys(s).values()) >= {"musicians", "gigs"}]
    assert pairing, schemas.keys()
    assert "musician_id" not in schemas["gigs"].field_names


def test_late_defaults_never_close_a_cycle_of_required_keys():
    # an address shared by branches and staff, a person at a branch: the defaults once keyed
    # addresses to staff after the cycle check, and the sample failed
    text = (
        "Surveyors database. Offices: name, address, phone. Surveyors work at one office and "
        "have a name, email and mobile number. Jobs are surveys we do, each handled by one "
        "surveyor: address, fee, date booked and status."
    )
    schemas = list(_schemas(text).values())
    sample = sd.sample(schemas, rows=10, seed=1)
    assert set(sample) == {s.name for s in schemas}


def test_field_lists_go_to_the_record_they_describe():
    schemas = _schemas(
        "Boat hire database. Marinas: name, address, phone. Skippers work at one marina and "
        "have a name, email and licence number. Boats are the vessels we rent out, each kept "
        "at one marina: name, length, cabins, bunks, asking price and status. Renters "
        "register with name, email, phone and maximum budget. A trip is booked for a renter "
        "on a boat with a skipper."
    )
    assert {"vessels", "addresses", "cabins", "bunks", "budgets", "bookings"}.isdisjoint(schemas)
    boats = schemas["boats"].field_names
    assert {"length", "cabins", "bunks", "asking_price"} <= set(boats)
    assert "licence_number" in schemas["skippers"].field_names
    assert "maximum_budget" in schemas["renters"].field_names
    assert _keys(schemas["boats"]).get("marina_id") == "marinas"
    assert {"renters", "boats", "skippers"} <= set(_keys(schemas["trips"]).values())


def test_field_names_with_their_type_word_first_are_typed():
    from synthdata.analysis.naming import field_from_name

    typed = {
        name: field_from_name(name).type.name
        for name in (
            "date_of_loss",
            "date_listed",
            "amount_claimed",
            "year_built",
            "time_of_arrival",
        )
    }
    assert typed == {
        "date_of_loss": "DATE",
        "date_listed": "DATE",
        "amount_claimed": "AMOUNT",
        "year_built": "INTEGER",
        "time_of_arrival": "DATETIME",
    }
    assert field_from_name("hours_spent").type.name == "INTEGER"
    assert field_from_name("minutes_played").type.name == "INTEGER"


def test_the_texts_own_contact_fields_replace_the_catalogues():
    schemas = _schemas(
        "A tutoring agency: tutors have a name, email and mobile number; parents have a full "
        "name and phone. Tutors teach lessons to the children of parents."
    )
    tutors = schemas["tutors"].field_names
    assert "mobile_number" in tutors
    assert "phone" not in tutors
    assert "name" not in tutors  # first and last names hold it
    parents = schemas["parents"].field_names
    assert "full_name" in parents
    assert "first_name" not in parents


def test_a_person_named_only_in_a_field_list_is_a_key_or_a_field_not_a_table():
    schemas = _schemas(
        "Helpdesk database: users (login, email, full name); tickets (title, description, "
        "priority, requester, reviewer, created at)."
    )
    assert {"requesters", "reviewers"}.isdisjoint(schemas)
    keys = _keys(schemas["tickets"])
    assert keys.get("requester_user_id") == "users"
    assert keys.get("reviewer_user_id") == "users"
    schemas = _schemas(
        "Rowing league DB. Clubs: name, motto, captain and kit colour. Regattas: name, date, river."
    )
    assert "captains" not in schemas
    assert "captain" in schemas["clubs"].field_names


def test_a_number_of_things_in_a_field_list_is_a_count_not_a_table():
    schemas = _schemas(
        "Ferry operator database. Our 12 ferries each have a name, a home port and the number "
        "of lifeboats. Crossings are sailed by one ferry on a date."
    )
    assert "lifeboats" not in schemas
    assert "lifeboat_count" in schemas["ferries"].field_names
    schemas = _schemas(
        "Event planner. A party can invite any number of guests; guests have a name, an email "
        "and a dietary note."
    )
    assert "guests" in schemas


def test_an_aside_between_dashes_reads_as_brackets():
    schemas = _schemas(
        "We run a film festival. For each festival we hire suppliers - projectionists, "
        "printers, caterers - at an agreed fee, and screenings show one film in one venue."
    )
    assert {"projectionists", "printers", "caterers"}.isdisjoint(schemas)
    assert "suppliers" in schemas


def test_they_are_is_a_pronoun_and_a_verb_and_an_aside_names_the_same_rows():
    schemas = _schemas(
        "Our darts league runs two seasons a year. Players join a team, and in each fixture "
        "they're drawn against a player of the other team; we record every leg. Sponsors "
        "(they're our patrons) pay a fee per season."
    )
    assert not any("theyre" in name for name in schemas)
    assert "patrons" not in schemas
    assert "sponsors" in schemas


def test_a_word_between_which_and_which_is_a_verb():
    schemas = _schemas(
        "Wildlife survey database: birds (ring number, wingspan); rangers (name, region). "
        "Sightings record which ranger saw which bird, and when."
    )
    assert not any("saw" in name for name in schemas)
    assert {"birds", "rangers", "sightings"} <= set(schemas)


def test_a_second_verb_of_one_subject_is_a_verb_not_a_table():
    schemas = _schemas(
        "Each nurse works on exactly one ward and reports to a matron. Each of our wards "
        "serves a specialty. Wards have a name and a floor."
    )
    assert "reports" not in schemas
    assert "serves" not in schemas
    assert _keys(schemas["nurses"]).get("ward_id") == "wards"


def test_one_apiece_things_in_a_field_list_are_fields():
    schemas = _schemas(
        "Our archive: every box has a barcode, a shelf mark and a condition; boxes hold "
        "letters, and each letter has a sender, a date and a page count."
    )
    assert "shelf_marks" not in schemas
    assert "shelf_mark" in schemas["boxes"].field_names
    assert _keys(schemas["letters"]).get("box_id") == "boxes"


def test_a_field_the_text_names_more_precisely_replaces_the_catalogues():
    schemas = _schemas(
        "Lettings agency: properties have an address, a monthly rent and a date listed. "
        "Listings have an asking price, a date listed and a status; tenants rent properties."
    )
    listing = schemas["listings"].field_names
    assert "asking_price" in listing
    assert "price" not in listing  # the catalogue's price is the asking price
    dated = [n for n in listing if "listed" in n]
    assert len(dated) == 1  # listed_on, not listed_on beside date_listed


def test_a_records_own_kind_of_number_is_a_field_of_it():
    schemas = _schemas(
        "Our herbarium's loans register. Specimens in the collection have an accession number, "
        "a collector, a date collected and an insurance value. Partner institutions are other "
        "herbaria and universities, with a name and a country. A loan is agreed with one "
        "institution. One loan can cover many specimens, and for each specimen on a loan we "
        "record its condition."
    )
    assert {"accessions", "herbaria", "universities"}.isdisjoint(schemas)
    specimens = schemas["specimens"].field_names
    assert {"accession_number", "date_collected", "insurance_value"} <= set(specimens)
    assert "parent_specimen_id" not in specimens  # "for each specimen": no self-reference
    institutions = schemas["partner_institutions"]
    assert not any(fk.parent == "partner_institutions" for fk in institutions.foreign_keys)
