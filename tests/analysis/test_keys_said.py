"""Foreign keys the text states: both directions, subjects, link tables."""

import synthdata as sd


def _keys(context: str) -> dict[str, set[tuple[str, str]]]:
    """Per table, its (field, parent table) keys."""
    return {
        s.name: {(fk.field, fk.parent) for fk in s.foreign_keys}
        for s in sd.infer_schemas(sd.analyze(context))
    }


def _parents(context: str) -> dict[str, set[str]]:
    return {name: {parent for _, parent in keys} for name, keys in _keys(context).items()}


def test_keys_said_both_ways_are_both_kept():
    """'Every surveyor belongs to one office' and 'each office is run by one surveyor': the
    surveyor's office and the office's surveyor are both keys (one of them may be null)."""
    parents = _parents(
        "Land registry database. Offices have a name and a town, and each office is run by "
        "one surveyor. Surveyors: name, licence number, phone; every surveyor belongs to one "
        "office. Parcels have a title number and an area and are measured by a surveyor."
    )
    assert "offices" in parents["surveyors"]
    assert "surveyors" in parents["offices"]


def _stated(context: str) -> set[tuple[str, str]]:
    """The (child, parent) links the reader finds in the text."""
    from synthdata.analysis import analyze as pipeline
    from synthdata.analysis.domains import score_domains
    from synthdata.analysis.entities import find_mentions, retarget_lines
    from synthdata.analysis.reading import normalize, read, relate
    from synthdata.analysis.text import tokenize

    tokens, _ = normalize(tokenize(context))
    reading = read(tokens)
    domain, confidence, _, _ = score_domains(tokens, None)
    known = retarget_lines(find_mentions(tokens, domain))
    usable = domain if confidence >= pipeline.WEAK_DOMAIN else None
    mentions, _, roles = pipeline._merge(tokens, reading, known, usable)
    spans = [(m.key, m.first, m.last, roles.get(m.first, "")) for m in mentions]
    return {(lk.child, lk.parent) for lk in relate(tokens, reading.tags, spans)[0]}


def test_clause_after_an_aside_is_the_subjects():
    """'Tickets (subject, priority, customer) are handled by a single agent': the tickets are
    handled by the agent, not the last word of the aside."""
    stated = _stated(
        "Helpdesk database. Tickets (subject, priority, customer) are handled by a single agent."
    )
    assert ("support_ticket", "agent") in stated
    assert ("customer", "agent") not in stated


def test_many_both_ways_is_a_pairing_not_a_key():
    """'Translators can work on many documents and a document has many translators': a link
    table, and no key on either side."""
    keys = _parents(
        "An agency database. Translators can work on many documents and a document has many "
        "translators; we record the pages each translator does. Documents have a title and a "
        "language."
    )
    assert keys["translators"] == set()
    assert keys["documents"] == set()
    assert any(p == {"translators", "documents"} for p in keys.values())


def test_a_record_that_joins_things_holds_their_keys():
    """'Each shift pairs one nurse with one patient in one ward': the shift's nurse, patient
    and ward, not the patient's ward or the nurse's patient."""
    stated = _stated(
        "Hospital rota database. Each rota shift pairs one nurse with one patient in one ward."
    )
    parents = {p for c, p in stated if c == "shift" or c.endswith("_shift")}
    assert {"nurse", "patient", "ward"} <= parents
    assert ("nurse", "patient") not in stated


def test_people_of_one_event_keep_its_key():
    """A wedding's guests are the wedding's own (the catalogue says so): guests.wedding_id,
    not weddings.guest_id."""
    parents = _parents(
        "We plan weddings for couples. Each wedding has a date, a venue and a budget. Guests "
        "reply to the invitation."
    )
    assert "weddings" in parents["guests"]
    assert "guests" not in parents["weddings"]


def test_records_that_say_which_one_and_which_other_hold_both_keys():
    """'Bookings record which member attends which class': each booking is one such pair,
    keyed to the member and to the class."""
    stated = _stated("Gym database. Bookings record which member attends which class.")
    assert {("booking", "member"), ("booking", "class")} <= stated


def test_people_listed_then_said_to_be_one_thing_are_roles_of_it():
    """'Each audit has a lead and a second reviewer, both of them accountants': two keys from
    the audit to accountants, and no tables of leads or reviewers."""
    keys = _keys(
        "Audit firm database. Accountants have a name, a licence number and an email. Clients "
        "have a company name and an address. Each audit is done for one client in a year and "
        "has a lead and a second reviewer, both of them accountants."
    )
    assert "leads" not in keys
    assert "reviewers" not in keys
    to_accountants = {field for field, parent in keys["audits"] if parent == "accountants"}
    assert len(to_accountants) == 2


def test_people_named_by_person_compounds_are_never_goods_on_lines():
    """Salespeople, chairpersons: people, whose key stays on the sale rather than moving to
    its lines as if they were goods sold."""
    from synthdata.analysis import analyze as pipeline
    from synthdata.analysis.plan import EntityPlan

    for key, table in (("salesperson", "salespeople"), ("chairperson", "chairpersons")):
        plan = EntityPlan(key, table, None, True)
        assert pipeline._kind(plan) == "person"
        assert not pipeline._goods(plan)


def test_event_the_text_calls_for_takes_the_catalogues_parents():
    """'Supporters pledge to a reward tier': the pledges the verb makes are the catalogue's
    pledges, so they also hold the campaign (and the catalogue's fields), not just the two
    ends the sentence names."""
    keys = _keys(
        "Crowdfunding platform for board games. Makers start campaigns with a goal and a "
        "deadline, and every campaign offers reward tiers. Supporters pledge to a reward tier."
    )
    parents = {parent for _, parent in keys["pledges"]}
    assert {"supporters", "reward_tiers", "campaigns"} <= parents
