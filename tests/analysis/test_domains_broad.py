"""Domains of unusual businesses, in descriptions written for this test (not from any eval set)."""

from __future__ import annotations

import pytest

from synthdata.analysis.domains import score_domains
from synthdata.analysis.text import tokenize

CASES = [
    (
        (
            "A booking office for a chain of alpine refuges: climbers reserve bunks for a "
            "night, pay a deposit and pick half board or breakfast only."
        ),
        ["hospitality", "tourism", "travel"],
    ),
    (
        (
            "We run a small youth hostel with dorm beds and private rooms; guests check in at"
            " the front desk."
        ),
        ["hospitality"],
    ),
    (
        (
            "An academic journal's editorial office: manuscripts are submitted by authors, "
            "assigned to a handling editor and sent out for peer review."
        ),
        ["education", "media", "publishing", "research"],
    ),
    (
        (
            "A cooking website where home cooks share recipes, list the ingredients and rate "
            "each other's dishes."
        ),
        ["media", "publishing", "restaurants", "social", "social_media"],
    ),
    (
        (
            "The county archive keeps a register of deeds, maps and letters donated by local "
            "families; researchers request items in the reading room."
        ),
        ["government", "nonprofit", "research"],
    ),
    (
        (
            "Our art gallery's collection database: each artwork has an accession number, "
            "artist, medium and provenance, and the curator tracks which works are on "
            "display."
        ),
        ["education", "entertainment", "government", "nonprofit"],
    ),
    (
        (
            "A documentary production company tracking shoots, interviewees, release forms "
            "and the footage recorded each day."
        ),
        ["entertainment", "media"],
    ),
    (
        (
            "A funeral home arranges services: each deceased person has a family contact, a "
            "chosen casket, a ceremony date and a burial or cremation."
        ),
        ["personal_services"],
    ),
    (
        (
            "A tattoo studio books sessions with its artists; each client signs a consent "
            "form and pays a deposit."
        ),
        ["personal_services"],
    ),
    (
        (
            "An allotment society with plots let to members who pay an annual rent and record"
            " what they grow."
        ),
        ["agriculture", "nonprofit"],
    ),
    (
        (
            "A beekeeping cooperative logs hive inspections, honey harvests and queen "
            "replacements for each apiary."
        ),
        ["agriculture"],
    ),
    (
        (
            "A craft distillery records each batch of gin: botanicals used, still run, "
            "bottling date and cask."
        ),
        ["manufacturing"],
    ),
    (
        (
            "A bicycle courier company dispatches riders to pick up parcels and deliver them "
            "across town, with proof of delivery."
        ),
        ["logistics"],
    ),
    (
        (
            "A harbour master's office schedules vessel arrivals, assigns berths and bills "
            "port dues."
        ),
        ["government", "logistics", "shipping"],
    ),
    (
        (
            "A parish council handles allotment applications, streetlight complaints and "
            "planning comments from residents."
        ),
        ["government"],
    ),
    (
        ("A police force keeps crime reports, the officers assigned and the suspects arrested."),
        ["government", "public_sector"],
    ),
    (
        (
            "A tree surgeon and landscaping business quotes jobs, schedules crews and "
            "invoices homeowners."
        ),
        ["property", "real_estate"],
    ),
    (
        (
            "A student housing provider lets rooms in shared flats with tenancy agreements "
            "and monthly rent."
        ),
        ["real_estate"],
    ),
    (
        (
            "A theatre company's productions, the cast of each show, rehearsals and "
            "performances with ticket sales."
        ),
        ["entertainment", "events", "media"],
    ),
    (
        (
            "An indie game studio's backend: players, matches, in-game currency and the items"
            " they unlock."
        ),
        ["gaming"],
    ),
    (
        (
            "A wedding planner manages couples, their guest lists, vendors and the seating "
            "plan for the reception."
        ),
        ["events"],
    ),
    (
        (
            "A law firm's matters, the clients, the solicitors working on each and the hours "
            "they bill."
        ),
        ["legal"],
    ),
    (
        ("A veterinary practice with pet owners, their animals, vaccinations and appointments."),
        ["healthcare"],
    ),
    (
        (
            "A pawnbroker lends against jewellery and watches; each pledge has a loan amount,"
            " interest and redemption date."
        ),
        ["finance"],
    ),
    (
        (
            "An insurance broker's claims: policyholders report a loss, an adjuster visits "
            "and the claim is settled."
        ),
        ["insurance"],
    ),
    (
        (
            "A dairy farm's herd records: each cow's calving dates, milk yield per milking "
            "and vet treatments."
        ),
        ["agriculture"],
    ),
    (
        (
            "A wind farm operator logs turbine output every ten minutes and records "
            "maintenance outages."
        ),
        ["energy"],
    ),
    (
        (
            "A regional water company bills households from meter readings and tracks leaks "
            "on its water mains."
        ),
        ["energy", "utilities"],
    ),
    (
        (
            "A mobile network operator with subscribers, SIM cards, data plans and call "
            "detail records."
        ),
        ["telecom"],
    ),
    (
        (
            "A tour operator runs guided hiking tours in Patagonia with fixed departures and "
            "small groups."
        ),
        ["tourism", "travel"],
    ),
    (
        "A regional airline's flights, aircraft, crew rosters and passenger bookings.",
        ["aviation", "transportation", "travel"],
    ),
    (
        ("A used car dealership tracks vehicles on the lot, test drives, trade-ins and sales."),
        ["automotive"],
    ),
    (
        (
            "A language school schedules evening classes, enrols students and tracks "
            "attendance and exam results."
        ),
        ["education"],
    ),
    (
        "A coworking space rents desks and private offices to members on monthly plans.",
        ["real_estate"],
    ),
    (
        (
            "An archaeological excavation records finds, the trench they came from and the "
            "specialist who analysed them."
        ),
        ["research"],
    ),
    (
        ("A football league's clubs, players, fixtures and match results across the season."),
        ["athletics", "sports"],
    ),
    (
        "A yoga studio with members, class passes and instructors teaching each class.",
        ["sports"],
    ),
    (
        (
            "A food bank collects donations from supermarkets and distributes parcels to "
            "families referred by agencies."
        ),
        ["nonprofit"],
    ),
    (
        ("A recording studio books sessions for bands, with an engineer and the tracks recorded."),
        ["media"],
    ),
    (
        "A bakery's till records sales of bread and cakes by the loaf and by the box.",
        ["restaurants", "retail"],
    ),
    (
        "A ski resort sells lift passes, rents equipment and runs ski school lessons.",
        ["hospitality", "sports", "tourism", "travel"],
    ),
    (
        (
            "A translation agency assigns documents to freelance translators by language pair"
            " and bills clients per word."
        ),
        ["legal", "media", "publishing"],
    ),
    (
        (
            "A shipyard builds and repairs fishing trawlers; each job has a hull number and "
            "work packages."
        ),
        ["manufacturing", "shipping"],
    ),
    (
        (
            "A mosque's community office tracks members, donations for Ramadan and volunteers"
            " for iftar meals."
        ),
        ["nonprofit"],
    ),
    (
        (
            "A hospital's operating theatre schedule: surgeons, patients, procedures and "
            "anaesthetists."
        ),
        ["healthcare"],
    ),
    (
        "Our photography studio books portrait sessions and sells prints to clients.",
        ["media", "personal_services"],
    ),
]


@pytest.mark.parametrize(("text", "acceptable"), CASES)
def test_the_business_names_its_domain(text: str, acceptable: list[str]) -> None:
    domain, *_ = score_domains(tokenize(text), None)
    assert domain in acceptable, text
