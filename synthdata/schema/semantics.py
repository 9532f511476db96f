"""What a text column holds, read from its name, its table's name and its siblings' names.

:func:`meaning` gives a STRING or TEXT field one of the :data:`MEANINGS` (``books.title`` is a
``book_title``, ``order_items.product_name`` a ``product_name``, ``employees.first_name`` a
``first_name``), or ``None`` when its name says nothing the generator knows; such a column gets
neutral phrases built from the names (:func:`fallback`: ``warehouses.name`` → "Warehouse 17").
A field's ``semantic`` option overrides the guess. Some meanings take each row's value from a
sibling (:func:`anchor`): a product name from the row's ``category``, a review from its
``rating``, a breed from its ``species``.

Everything here is a pure function of names and types (no data, no randomness), so it is
deterministic, and cheap enough to run per field whenever a plan is made. The generator turns
meanings into values (``synthdata.generate.columns.semantic``); this module sits in the schema
layer so that :meth:`Field.details` and the schema views can show the meaning too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from synthdata.schema.traits import FIELD_TRAITS
from synthdata.schema.types import FieldType

if TYPE_CHECKING:
    from synthdata.schema.field import Field

__all__ = [
    "DATE_MEANINGS",
    "DATE_TYPES",
    "FREE_TEXT",
    "MEANINGS",
    "MONEY_MEANINGS",
    "NUMBER_MEANINGS",
    "NUMBER_TYPES",
    "PRODUCT_GROUPS",
    "STATUS_CHOICES",
    "TEXT_MEANINGS",
    "Fallback",
    "anchor",
    "fallback",
    "is_currency_code",
    "meaning",
    "normalize",
    "product_group",
    "singular",
    "types_for",
    "words",
]

#: The product families with a product-name vocabulary each (``product_name_<group>``).
PRODUCT_GROUPS = (
    "electronics",
    "clothing",
    "grocery",
    "furniture",
    "beauty",
    "toys",
    "sports",
    "tools_hardware",
    "books_stationery",
    "auto_parts",
    "pet_supplies",
    "office_supplies",
    "kitchen",
    "garden",
)

_STATUSES = (
    "order",
    "payment",
    "invoice",
    "ticket",
    "account",
    "subscription",
    "project",
    "booking",
    "application",
    "shipment",
)

#: Free-text meanings → their vocabulary kind (``text_<meaning>``) and the words
#: :meth:`Field.details` shows; :func:`_free_text` picks one by the column word and the table.
FREE_TEXT: dict[str, tuple[str, str]] = {
    kind: (f"text_{kind}", words)
    for kind, words in (
        ("viewing_feedback", "feedback after a property viewing"),
        ("feedback", "feedback on a service"),
        ("notes", "short working notes"),
        ("record_notes", "short notes on a record"),
        ("inspection_notes", "inspection findings"),
        ("property_description", "description of a property"),
        ("issue_description", "description of a reported problem"),
        ("repair_description", "description of a fault to repair"),
        ("claim_description", "description of a claimed loss"),
        ("transaction_description", "description of a payment"),
        ("description", "description of a thing"),
        ("visit_reason", "reason for a visit"),
        ("return_reason", "reason for a return"),
        ("reason", "reason for a change or cancellation"),
        ("outcome", "outcome"),
        ("delivery_instructions", "delivery instructions"),
        ("dosage_instructions", "dosage instructions"),
        ("offer_terms", "conditions of an offer on a property"),
    )
}

#: Every text meaning (STRING and TEXT), with the words :meth:`Field.details` shows for it
#: ("means: book title").
TEXT_MEANINGS: dict[str, str] = {
    # People and organisations
    "first_name": "first name",
    "last_name": "last name",
    "full_name": "person's full name",
    "honorific": "honorific (Mr., Ms., Dr.)",
    "company_name": "company name",
    "place_name": "name of a place (city and kind)",
    "venue_name": "name of a venue (city and kind of venue)",
    # Contact details and places
    "email": "e-mail address",
    "iban": "IBAN",
    "phone": "phone number",
    "url": "web address",
    "username": "username",
    "ip_address": "IP address",
    "street_address": "street address",
    "address": "postal address",
    "city": "city",
    "state": "state or province",
    "postal_code": "postal code",
    "country": "country",
    "iata_code": "airport code (IATA)",
    # Codes
    "code": "code",
    "isbn": "ISBN-13",
    # Small fixed sets
    "color": "color",
    "currency_code": "currency code",
    "language": "language",
    "gender": "gender (fits the row's first name)",
    "unit_of_measure": "unit of measure",
    "user_role": "user role",
    "priority": "priority",
    "payment_method": "payment method",
    "species": "animal species",
    "book_genre": "book genre",
    "film_genre": "film genre",
    "music_genre": "music genre",
    "status": "status",
    **{f"{kind}_status": f"{kind} status" for kind in _STATUSES},
    # Titles and names from the offline vocabularies
    "book_title": "book title",
    "film_title": "film title",
    "album_title": "album title",
    "song_title": "song title",
    "course_title": "course title",
    "project_name": "project name",
    "event_name": "event name",
    "dish": "dish on a menu",
    "department": "department",
    "team_name": "team name",
    "job_title": "job title",
    "ticket_subject": "support ticket subject",
    "product_name": "product name (in the row's category)",
    **{f"product_name_{g}": f"product name ({g.replace('_', ' ')})" for g in PRODUCT_GROUPS},
    "product_category": "product category",
    "review": "review text (fits the row's rating)",
    "skill": "skill",
    "tag": "tag",
    "pet_breed": "pet breed (fits the row's species)",
    "dog_breed": "dog breed",
    "cat_breed": "cat breed",
    "property_headline": "property listing headline",
    # Free text people type, by column word and the table's kind of thing (see FREE_TEXT)
    **{kind: words for kind, (_, words) in FREE_TEXT.items()},
}


def normalize(value: str) -> str:
    """A meaning as users may write it (``"Book title"``, ``"book-title"``) → ``book_title``."""
    return re.sub(r"[\s\-]+", "_", value.strip()).lower()


# --- Words -------------------------------------------------------------------------------------

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_IRREGULAR = {
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "staff": "staff",
    "series": "series",
    "news": "news",
    "species": "species",
    "data": "data",
    "media": "media",
    "analyses": "analysis",
    "statuses": "status",
    "buses": "bus",
    "campuses": "campus",
    "addresses": "address",
    "businesses": "business",
    "movies": "movie",
    "goods": "goods",
}


def words(name: str) -> list[str]:
    """An identifier's words, lower case: ``orderItems`` and ``order_items`` → order, items."""
    return [w for w in _CAMEL.sub(r"\1_\2", name).lower().split("_") if w]


def singular(word: str) -> str:
    """A plural English noun's singular, by the common rules (``categories`` → category)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# --- Nouns that say what a table's rows are -----------------------------------------------------

_PEOPLE = frozenset(
    "person user customer client employee staff author student teacher instructor professor "
    "tutor lecturer patient doctor physician nurse surgeon dentist pharmacist therapist member "
    "contact lead guest passenger driver rider traveler traveller player athlete coach agent "
    "rep representative salesperson manager owner reviewer reporter assignee requester "
    "applicant candidate volunteer donor speaker attendee participant subscriber tenant "
    "landlord buyer seller recipient sender worker technician mechanic lawyer attorney trainer "
    "groomer stylist barber pilot captain officer purser skipper host organizer organiser "
    "director actor musician composer writer editor narrator photographer beneficiary "
    "policyholder borrower cardholder guardian parent resident citizen voter judge witness "
    "contractor consultant freelancer creator vet veterinarian caregiver receptionist cashier "
    "waiter chef farmer fan follower approver supervisor inspector auditor recruiter "
    "executive founder advisor adviser mentor "
    "mentee intern nanny cleaner courier dispatcher operator analyst engineer developer "
    "designer researcher scientist astronomer investigator sanitarian guide artist".split()
)
#: People whose ``title`` is a job title (the rest get Mr., Ms., Dr.).
_WORKERS = frozenset(
    "employee staff contact lead worker consultant agent rep representative manager officer "
    "executive recruiter applicant candidate engineer developer analyst technician "
    "salesperson supervisor".split()
)
_COMPANIES = frozenset(
    "company supplier vendor manufacturer maker brand publisher organization organisation org "
    "employer carrier airline bank merchant partner agency firm business distributor "
    "wholesaler retailer insurer lender sponsor advertiser studio corporation enterprise "
    "startup provider institution account shipper broker contractor_company label "
    "developer_company charity nonprofit".split()
)
#: Columns that name a company by its role (``employer``, ``shipping_carrier``).
_COMPANY_COLUMNS = frozenset(
    "company employer supplier vendor manufacturer publisher brand organization organisation "
    "carrier airline bank merchant agency firm insurer lender sponsor distributor wholesaler "
    "retailer".split()
)
_VENUES = frozenset(
    "hotel restaurant store shop branch warehouse clinic hospital school university college "
    "campus gym salon library cafe bakery office location site venue factory plant theater "
    "theatre cinema museum park airport station stadium arena pharmacy dealership facility "
    "depot terminal port marina farm ranch church hall center centre mall outlet rink "
    "kennel spa garage showroom gallery club court pool lab laboratory observatory "
    "apiary mill sawmill brewery winery distillery hostel motel inn resort campground".split()
)
_TITLED = {
    **dict.fromkeys(("book", "novel", "ebook", "audiobook", "publication", "textbook"), "book"),
    **dict.fromkeys(("movie", "film", "show", "series", "episode", "documentary"), "film"),
    **dict.fromkeys(("album",), "album"),
    **dict.fromkeys(("track", "song", "tune"), "song"),
    **dict.fromkeys(("course", "class", "module", "lesson", "subject", "curriculum"), "course"),
    **dict.fromkeys(("project", "initiative", "programme"), "project"),
    **dict.fromkeys(
        (
            "event conference meetup webinar festival concert workshop seminar exhibition expo "
            "summit gala fundraiser"
        ).split(),
        "event",
    ),
}
_TITLE_MEANING = {
    "book": "book_title",
    "film": "film_title",
    "album": "album_title",
    "song": "song_title",
    "course": "course_title",
    "project": "project_name",
    "event": "event_name",
}
_PRODUCTS = frozenset(
    "product item good merchandise listing offering sku variant article_item catalog "
    "catalogue inventory stock".split()
)
_DISHES = frozenset("dish meal pizza recipe entree menu".split())
_TICKETS = frozenset("ticket issue case incident bug complaint request inquiry enquiry".split())
#: Tickets whatever their context; the other words are tickets only in a support context.
_SURE_TICKETS = frozenset("ticket issue bug".split())
_SUPPORT = frozenset(
    "support helpdesk help desk service it priority severity assignee agent agent_id "
    "assigned_to sla".split()
)
_REVIEWS = frozenset("review rating feedback testimonial".split())
_EDUCATION = frozenset(
    "class course lesson teacher tutor exam grade enrollment enrolment student school "
    "semester".split()
)
_PETS = frozenset("pet animal dog cat patient appointment visit booking adoption".split())
_RATINGS = (
    "rating",
    "stars",
    "star_rating",
    "rating_value",
    "overall_rating",
    "review_rating",
    "score",
)
_CATEGORIES = ("category", "product_category", "category_name", "product_type")
_SPECIES = ("species", "animal_type", "pet_type", "kind_of_animal")
_TEXTY = frozenset(
    "review text body content comment comments feedback testimonial message remarks opinion".split()
)
_WHERE_PEOPLE_ARE = frozenset(
    "office work home branch store job event meeting hq headquarters base primary".split()
)
_UNITS = frozenset(
    "uom unit_of_measure unit_of_measurement measure_unit unit_measure units_of_measure".split()
)
_CONTACT_PERSON = frozenset(
    "contact_name contact_person contact_first_name primary_contact contact".split()
)
_VENUE_COLUMNS = frozenset(
    "venue venue_name home_ground home_venue home_stadium stadium arena ground".split()
)
_FLIGHTS = frozenset("flight leg route segment booking itinerary".split())
_AIRPORT_COLUMNS = frozenset(
    "origin destination departure_airport arrival_airport origin_airport destination_airport "
    "from_airport to_airport dep_airport arr_airport".split()
)
_STATUS_CONTEXT = {
    **dict.fromkeys(("order", "purchase", "cart", "checkout", "sale"), "order"),
    **dict.fromkeys(("payment", "transaction", "charge", "refund", "payout"), "payment"),
    **dict.fromkeys(("invoice", "bill"), "invoice"),
    **dict.fromkeys((*_TICKETS, "support", "task", "todo"), "ticket"),
    **dict.fromkeys(("user", "customer", "account", "member", "employee", "client"), "account"),
    **dict.fromkeys(("subscription", "membership", "plan"), "subscription"),
    **dict.fromkeys(("project", "milestone", "sprint", "campaign", "initiative"), "project"),
    **dict.fromkeys(
        ("booking", "reservation", "appointment", "visit", "session", "stay"), "booking"
    ),
    **dict.fromkeys(("application", "loan", "claim", "permit", "proposal"), "application"),
    **dict.fromkeys(("shipment", "delivery", "shipping", "parcel", "package"), "shipment"),
}
#: Status meanings → their values and how common each is (most orders are delivered).
STATUS_CHOICES: dict[str, dict[str, float]] = {
    "order_status": {
        "delivered": 62,
        "shipped": 12,
        "processing": 8,
        "pending": 7,
        "cancelled": 7,
        "returned": 4,
    },
    "payment_status": {"completed": 88, "pending": 5, "failed": 4, "refunded": 3},
    "invoice_status": {"paid": 72, "sent": 12, "overdue": 9, "draft": 4, "void": 3},
    "ticket_status": {"closed": 38, "resolved": 22, "open": 20, "in_progress": 15, "on_hold": 5},
    "account_status": {"active": 82, "inactive": 13, "suspended": 5},
    "subscription_status": {
        "active": 70,
        "cancelled": 15,
        "trialing": 8,
        "past_due": 5,
        "paused": 2,
    },
    "project_status": {
        "completed": 40,
        "in_progress": 32,
        "planned": 15,
        "on_hold": 8,
        "cancelled": 5,
    },
    "booking_status": {"completed": 62, "confirmed": 20, "cancelled": 13, "no_show": 5},
    "application_status": {
        "approved": 45,
        "rejected": 22,
        "under_review": 18,
        "submitted": 12,
        "withdrawn": 3,
    },
    "shipment_status": {
        "delivered": 70,
        "in_transit": 15,
        "out_for_delivery": 5,
        "label_created": 6,
        "returned": 3,
        "lost": 1,
    },
    "status": {"active": 75, "inactive": 15, "pending": 10},
}

_GENRE_CONTEXT = {
    **dict.fromkeys(("book", "novel", "author", "publication", "ebook", "library"), "book"),
    **dict.fromkeys(("movie", "film", "show", "series", "episode", "screening"), "film"),
    **dict.fromkeys(("album", "track", "song", "artist", "band", "playlist"), "music"),
}
_ADDRESS_SIBLINGS = frozenset(
    "city zip zip_code zipcode postal_code postcode country street street_address address "
    "address_line1 address1".split()
)

#: Product families by the words that name them, most specific first (see :func:`product_group`).
_GROUP_WORDS: tuple[tuple[str, str], ...] = (
    (r"pet|dog|cat|puppy|kitten|aquatic|aquarium|animal|bird", "pet_supplies"),
    (r"furniture", "furniture"),
    (
        r"kitchen|kitchenware|cookware|bakeware|cooking|dining|tableware|dinnerware|appliance|"
        r"utensil|cutlery|housewares",
        "kitchen",
    ),
    (r"garden|gardening|patio|lawn|yard|plant|seed|bbq|grill|barbecue", "garden"),
    (r"office", "office_supplies"),
    (r"stationery|notebook|pen|writing|art_supply|art_supplies|paper|planner", "books_stationery"),
    (r"book|novel|ebook|reading|magazine", "book"),
    (r"auto|automotive|car|tire|tyre|wheel|vehicle|motor|part", "auto_parts"),
    (
        r"electronic|computer|laptop|monitor|phone|tablet|headphone|audio|tv|cinema|camera|"
        r"photo|photography|smart|video_game|console|network|networking|storage_and_memory|"
        r"printer|ink|cable|charger|gadget|device|tech",
        "electronics",
    ),
    (
        r"beauty|skin|skincare|hair|haircare|makeup|cosmetic|fragrance|perfume|personal_care|"
        r"oral|health|wellness|vitamin|supplement",
        "beauty",
    ),
    (
        r"cloth|clothe|clothing|apparel|garment|fashion|shoe|footwear|bag|luggage|"
        r"accessory|accessorie|jewel|jewelry|jewellery|watch|watches|outerwear|underwear|sock|"
        r"nightwear|dress|dresses|shirt",
        "clothing",
    ),
    (r"toy|game|puzzle|craft|play|baby|kid", "toys"),
    (
        r"sport|sportswear|fitness|cycling|bike|camping|hiking|outdoor|water_sport|winter|gym|"
        r"golf|tennis|running|fishing|equipment",
        "sports",
    ),
    (
        r"tool|hardware|paint|decorating|plumbing|electrical|diy|lumber",
        "tools_hardware",
    ),
    (
        r"grocer|grocery|groceries|food|produce|dairy|egg|bakery|meat|fish|frozen|pantry|"
        r"snack|sweet|beverage|drink|coffee|tea|cereal|cleaning|laundry|household|bread|"
        r"pastry|pastries|cake|cookie|dessert|candy|chocolate|confectionery|wine|beer|spirit|"
        r"juice|fruit|vegetable|seafood|deli|cheese|organic|baking|spice|condiment|sauce",
        "grocery",
    ),
    (
        r"living_room|bedroom|mattress|mattresses|bedding|lighting|rug|curtain|decor|home|"
        r"bathroom|storage|organization",
        "furniture",
    ),
)
_GROUP_PATTERNS = tuple(
    (re.compile(rf"(?:^|_)(?:{pattern})(?:$|_|s_|s$)"), group) for pattern, group in _GROUP_WORDS
)


def product_group(text: str) -> str | None:
    """The product family a category or table name points at (``"Men's Shoes"`` → clothing).

    ``"book"`` (books themselves, whose names are book titles) or one of :data:`PRODUCT_GROUPS`;
    ``None`` when no family's words appear.

    >>> product_group("Small Kitchen Appliances"), product_group("dog_supplies")
    ('kitchen', 'pet_supplies')
    """
    key = "_".join(re.findall(r"[a-z0-9]+", text.lower().replace("'s", "")))
    for pattern, group in _GROUP_PATTERNS:
        if pattern.search(key):
            return group
    return None


# --- The rules ----------------------------------------------------------------------------------


def is_currency_code(field: Field, kind: str | None) -> bool:
    """Whether a column holds currency codes: a CURRENCY_CODE, or a STRING whose meaning
    (``kind``, from :func:`meaning`) is one."""
    return field.type is FieldType.CURRENCY_CODE or (
        FIELD_TRAITS[field.type].semantic and kind == "currency_code"
    )


def meaning(field: Field, table: str, siblings: Iterable[str] = ()) -> str | None:
    """What a STRING or TEXT field holds: one of :data:`MEANINGS`, or ``None`` if unknown.

    Args:
        field: the field; its ``semantic`` option, when set, is the answer.
        table: the name of its table (``books``), or ``""`` when unknown.
        siblings: the names of the table's fields (the field's own name may be among them).

    A unique or patterned STRING is a ``code`` (its values are spelled from a pattern). Numbers
    (INTEGER, DECIMAL, FLOAT; AMOUNT for money, PERCENT for shares) get one of
    :data:`NUMBER_MEANINGS` (``books.price`` → ``price_book``, ``tracks.milliseconds`` →
    ``track_length_ms``), dates one of :data:`DATE_MEANINGS` (``employees.birth_date`` →
    ``birth_date_worker``). Other types have no meaning here: their type already says it.

    >>> from synthdata.schema.field import Field
    >>> meaning(Field(name="title", type="STRING"), "books")
    'book_title'
    >>> meaning(Field(name="name", type="STRING"), "departments")
    'department'
    >>> meaning(Field(name="name", type="STRING"), "warehouses_of_things") is None
    True
    """
    if field.semantic is not None:
        return field.semantic
    if field.type in DATE_TYPES:
        others = frozenset(s.lower() for s in siblings)
        return _date(words(field.name), *_table_words(table), others)
    if FIELD_TRAITS[field.type].measure:
        return _number_meaning(field, table, siblings)
    if not FIELD_TRAITS[field.type].semantic:
        return None
    if FIELD_TRAITS[field.type].patterned and (field.is_unique or field.pattern):
        return "code"
    others = frozenset(s.lower() for s in siblings) - {field.name.lower()}
    return _infer(field.name, table, others)


def _table_words(table: str) -> tuple[str, list[str]]:
    tab = [singular(w) for w in words(table)] or [""]
    return tab[-1], tab


def _number_meaning(field: Field, table: str, siblings: Iterable[str]) -> str | None:
    """A number's meaning; keys and references hold no quantity, AMOUNT holds only money and
    PERCENT only shares."""
    if field.is_unique or field.references is not None or not words(field.name):
        return None
    head, tab = _table_words(table)
    others = frozenset(s.lower() for s in siblings) - {field.name.lower()}
    kind = _number(words(field.name), head, tab, others, field.type)
    if kind is None or field.type not in types_for(kind):
        return None
    return kind


def anchor(field: Field, table: str, siblings: Sequence[str]) -> str | None:
    """The sibling whose value each row's value depends on, if any.

    A ``product_name`` and a price of goods follow the row's category column, a ``review`` its
    rating, a ``pet_breed`` its species, and a neutral description its row's name (see
    :class:`Fallback`). The generator makes the sibling first.
    """
    kind = meaning(field, table, siblings)
    if kind is None and FIELD_TRAITS[field.type].semantic:
        return _row_name(field, table, siblings)
    wanted = {"product_name": _CATEGORIES, "review": _RATINGS, "pet_breed": _SPECIES}.get(
        kind or ""
    )
    if kind in _GOODS_PRICES:
        wanted = _CATEGORIES
    if wanted is None:
        return None
    by_lower = {s.lower(): s for s in siblings if s != field.name}
    return next((by_lower[w] for w in wanted if w in by_lower), None)


def _ends(col: list[str], *tail: str) -> bool:
    return col[-len(tail) :] == list(tail)


def _infer(name: str, table: str, siblings: frozenset[str]) -> str | None:
    col = words(name)
    if not col:
        return None
    tab = [singular(w) for w in words(table)] or [""]
    head = tab[-1]
    joined = "_".join(col)
    for rule in (_person_part, _contact_or_place, _code_like):
        found = rule(col, joined, head, tab, siblings)
        if found:
            return found
    last = col[-1]
    if last in ("name", "title", "label", "heading", "headline") or joined == "display_name":
        found = _named(col, joined, head, tab, siblings)
        if found:
            return found
    for rule in (_by_column, _person_role, _free_text):
        found = rule(col, joined, head, tab, siblings)
        if found:
            return found
    return None


def _person_part(
    col: list[str], joined: str, head: str, tab: list[str], siblings: frozenset[str]
) -> str | None:
    if (
        joined in ("first", "fname", "firstname", "forename", "given_name", "middle_name")
        or _ends(col, "first", "name")
        or _ends(col, "given", "name")
        or _ends(col, "firstname")
    ):
        return "first_name"
    if (
        joined in ("lname", "lastname", "surname", "family_name", "maiden_name")
        or _ends(col, "last", "name")
        or _ends(col, "family", "name")
        or _ends(col, "surname")
        or _ends(col, "lastname")
    ):
        return "last_name"
    if _ends(col, "full", "name") or _ends(col, "fullname"):
        return "full_name"
    return None


def _contact_or_place(
    col: list[str], joined: str, head: str, tab: list[str], siblings: frozenset[str]
) -> str | None:
    last = col[-1]
    if last in ("email", "mail") or _ends(col, "email", "address") or joined == "e_mail":
        return "email"
    if (
        last in ("phone", "mobile", "telephone", "tel", "cellphone", "fax")
        or _ends(col, "phone", "number")
        or _ends(col, "mobile", "number")
        or _ends(col, "cell", "phone")
    ):
        return "phone"
    if last in ("url", "website", "homepage", "uri") or _ends(col, "web", "site"):
        return "url"
    if joined in ("username", "user_name", "login", "handle", "screen_name", "nickname"):
        return "username"
    if last == "ip" or _ends(col, "ip", "address") or joined == "ip_addr":
        return "ip_address"
    if last == "iban":
        return "iban"
    if (
        last in ("postcode", "zip", "zipcode")
        or _ends(col, "postal", "code")
        or _ends(col, "post", "code")
        or _ends(col, "zip", "code")
    ):
        return "postal_code"
    if last in ("iata",) or _ends(col, "iata", "code") or _ends(col, "airport", "code"):
        return "iata_code"
    if head == "airport" and joined in ("code", "airport_code"):
        return "iata_code"
    if joined in _AIRPORT_COLUMNS and (_FLIGHTS & set(tab)):
        return "iata_code"
    if last == "country" or _ends(col, "country", "name"):
        return "country"
    if last in ("city", "town", "hometown") or _ends(col, "city", "name") or joined == "location":
        return "city"
    if last == "location" and col[0] in _WHERE_PEOPLE_ARE:
        return "city"  # ``office_location``, not ``storage_location``
    if joined in _VENUE_COLUMNS or (head == "venue" and joined == "name"):
        return "venue_name"
    if last == "province" or _ends(col, "state", "name"):
        return "state"
    if last == "state":
        if siblings & _ADDRESS_SIBLINGS or head in _PEOPLE or head in _VENUES:
            return "state"
        return _status(col, head, tab) if head in _STATUS_CONTEXT else "state"
    if last == "street" or _ends(col, "street", "address") or joined in ("address1", "address_1"):
        return "street_address"
    if _ends(col, "address", "line", "1") or _ends(col, "address", "line1"):
        return "street_address"
    if last == "address":
        return "address"
    return None


def _code_like(
    col: list[str], joined: str, head: str, tab: list[str], siblings: frozenset[str]
) -> str | None:
    last = col[-1]
    if last in ("isbn", "isbn13") or _ends(col, "isbn", "13"):
        return "isbn"
    if last in ("currency",) or _ends(col, "currency", "code"):
        return "currency_code"
    if last in ("code", "sku", "ref", "reference", "barcode", "upc", "ean", "serial", "vin"):
        return "code"
    if last in ("no", "num", "plate") or joined in ("call_sign", "registration_mark"):
        return "code"
    if last == "number" and len(col) > 1:
        return "code"
    return None


def _named(
    col: list[str], joined: str, head: str, tab: list[str], siblings: frozenset[str]
) -> str | None:
    """A name or title column: ``<table>.name``, ``<table>.title``, ``<thing>_name``."""
    last = col[-1]
    own = len(col) == 1 or joined == "display_name"
    thing = head if own else singular(col[-2])
    if not own and thing == head:
        own = True  # ``products.product_name`` is the table's own name
    if thing in _PEOPLE and not own and last == "name":
        return "full_name"  # ``author_name``, ``contact_name``
    if own and thing in _PEOPLE:
        if last == "title":
            return "job_title" if thing in _WORKERS else "honorific"
        if last == "name" and siblings & _CONTACT_PERSON:
            return "company_name"  # a client with a contact person is an organisation
        return "full_name" if last == "name" else None
    if thing in _TITLED:
        return _TITLE_MEANING[_TITLED[thing]]
    if thing in _COMPANIES and thing != "account":
        return "company_name"
    if thing == "account" and own and last == "name" and "bank" not in tab:
        return "company_name"
    if thing in ("department", "dept", "division"):
        return "department"
    if thing in ("team", "squad"):
        return "team_name"
    if thing in ("job", "position", "vacancy", "opening", "posting", "occupation", "profession"):
        return "job_title"
    if thing == "role":
        return "user_role"
    if _is_ticket(thing, tab, siblings):
        return "ticket_subject"
    if thing in _REVIEWS and own:
        return "review"
    if thing in _DISHES or (thing == "item" and "menu" in tab):
        return "dish"
    if thing == "listing" or (thing in _PRODUCTS and _is_property(tab, siblings)):
        return _listing(tab, siblings)
    if thing in _PRODUCTS:
        return _product_name(tab)
    if thing in ("category", "subcategory"):
        return _category(tab, col) or None
    if thing in ("skill", "competency", "expertise"):
        return "skill"
    if thing in ("tag", "keyword", "hashtag"):
        return "tag"
    if thing == "breed":
        return _breed(tab, siblings)
    if thing in ("color", "colour"):
        return "color"
    if thing in ("city", "town"):
        return "city"
    if thing == "country":
        return "country"
    if thing in ("state", "province"):
        return "state"
    if thing in ("language", "lang"):
        return "language"
    if thing == "genre":
        return _genre(tab)
    if thing == "currency":
        return "currency_code"
    if thing in _VENUES and last == "name":
        return "place_name"
    return None


def _by_column(
    col: list[str], joined: str, head: str, tab: list[str], siblings: frozenset[str]
) -> str | None:
    """Columns whose own name says what they hold (``department``, ``status``, ``review``)."""
    last = singular(col[-1])
    if last in ("department", "dept", "division"):
        return "department"
    if joined in ("team", "squad"):
        return "team_name"
    if joined in ("job_title", "jobtitle", "position", "occupation", "profession", "designation"):
        return "job_title"
    if joined in ("job", "position_title", "role_title", "job_role", "job_position"):
        return "job_title"
    if last == "role":
        return "job_title" if head in _WORKERS and head != "contact" else "user_role"
    if joined in ("subject", "summary", "headline", "issue_title", "ticket_subject"):
        if _is_ticket(head, tab, siblings) or "support" in tab or "helpdesk" in tab:
            return "ticket_subject"
        if joined == "subject" and head in _EDUCATION:
            return "course_title"
        if head in _REVIEWS:
            return "review"
    if joined in ("course", "course_title", "course_name"):
        return "course_title"
    if last in _COMPANY_COLUMNS:
        return "company_name"
    if joined in ("dish", "meal", "menu_item", "entree"):
        return "dish"
    if joined in ("product", "item", "item_name", "item_desc", "item_description"):
        return "dish" if set(tab) & _DISHES else _product_name(tab)
    if joined in ("album",):
        return "album_title"
    if joined in ("song", "track"):
        return "song_title"
    if joined in ("book",):
        return "book_title"
    if joined in ("movie", "film"):
        return "film_title"
    if joined in ("project",):
        return "project_name"
    if joined in ("event",):
        return "event_name"
    if joined in _CATEGORIES or joined in ("subcategory", "product_subcategory"):
        return _category(tab, col)
    # A text beside a rating (a score only counts on a table of reviews) is a review.
    if last in _TEXTY and (head in _REVIEWS or siblings & set(_RATINGS[:-1])):
        return "review"
    if last in ("review", "testimonial") or joined in ("review_text", "review_body"):
        return "review"
    if last in ("skill", "expertise", "competency"):
        return "skill"
    if last in ("tag", "keyword", "hashtag"):
        return "tag"
    if last == "status":
        return _status(col, head, tab)
    if last in ("priority", "severity", "urgency", "criticality"):
        return "priority"
    if joined in ("payment_method", "payment_type", "pay_method", "payment_mode", "tender_type"):
        return "payment_method"
    if joined == "method" and head in ("payment", "transaction", "charge", "refund"):
        return "payment_method"
    if last in ("language", "lang"):
        return "language"
    if last in ("gender", "sex"):
        return "gender"
    if joined in _UNITS or (joined == "unit" and siblings & {"quantity", "qty", "amount"}):
        return "unit_of_measure"
    if last in ("color", "colour", "colorway"):
        return "color"
    if last == "genre":
        return _genre(tab)
    if last == "breed":
        return _breed(tab, siblings)
    if joined in _SPECIES and (set(tab) & _PETS):
        return "species"
    return None


def _person_role(
    col: list[str], joined: str, head: str, tab: list[str], siblings: frozenset[str]
) -> str | None:
    """A column that names a person by role: ``author``, ``head_coach``, ``created_by``."""
    last = col[-1]
    if last == "by" or joined in ("assigned_to", "assignee"):
        return "full_name"
    role = col[-2] if last == "name" and len(col) > 1 else last
    if role in _PEOPLE and role not in ("user", "account"):
        return "full_name"
    return None


def _is_ticket(thing: str, tab: list[str], siblings: frozenset[str]) -> bool:
    """A support ticket: ``tickets``, or ``cases`` of a help desk (not a law firm's)."""
    if thing in _SURE_TICKETS:
        return True
    return thing in _TICKETS and bool(_SUPPORT & (set(tab) | siblings))


def _is_property(tab: list[str], siblings: frozenset[str]) -> bool:
    """Rows that are homes or premises: a table of them, or one with rooms and floor areas."""
    if set(tab) & _PROPERTY_TABLES:
        return True
    return any(set(words(s)) & _PROPERTY_COLUMNS for s in siblings)


def _listing(tab: list[str], siblings: frozenset[str]) -> str | None:
    """A listing's title: a job's, a property's, goods' only where the rows are goods."""
    if set(tab) & {"job", "vacancy", "career"}:
        return "job_title"
    if _is_property(tab, siblings):
        return "property_headline"
    if set(tab) - {"listing"} or any(set(words(s)) & _GOODS_COLUMNS for s in siblings):
        return _product_name(tab)  # ``product_listings``, or a listing with a SKU or a brand
    return None


#: Table words whose rows are homes or premises.
_PROPERTY_TABLES = frozenset(
    "property house home apartment flat condo condominium estate realty villa cottage "
    "bungalow townhouse letting".split()
)
#: Column words only a property has.
_PROPERTY_COLUMNS = frozenset(
    "bedrooms bedroom bathrooms bathroom beds baths sqft sqm square_feet square_metres "
    "floor_area lot_size property".split()
)
#: Column words only goods have.
_GOODS_COLUMNS = frozenset(
    "sku brand condition category stock quantity qty shipping weight manufacturer barcode "
    "upc ean model".split()
)
#: Column words of free text (:func:`_free_text`), by what they hold.
_FREE_WORDS = {
    **dict.fromkeys(
        ("feedback", "comment", "comments", "remark", "remarks", "opinion"), "feedback"
    ),
    **dict.fromkeys(("notes", "note", "memo", "observation", "observations"), "notes"),
    **dict.fromkeys(("finding", "findings"), "notes"),
    **dict.fromkeys(("description", "desc", "details", "detail", "summary", "overview"), "desc"),
    **dict.fromkeys(("complaint", "problem", "symptom", "symptoms", "fault"), "problem"),
    **dict.fromkeys(("reason", "purpose"), "reason"),
    **dict.fromkeys(("outcome", "result", "resolution", "conclusion"), "outcome"),
    **dict.fromkeys(("instructions", "instruction", "directions"), "instructions"),
}
_VIEWINGS = frozenset("viewing showing open_house".split())
_INSPECTIONS = frozenset(
    "inspection audit check checkup survey assessment walkthrough walk_through".split()
)
#: Problems reported to someone who fixes them; :data:`_TICKETS` words too in a support context.
_ISSUES = frozenset("ticket issue bug complaint outage defect escalation".split())
_REPAIRS = frozenset(
    "maintenance repair fault leak breakdown work_order workorder callout call_out "
    "fix service_request".split()
)
_PAYMENTS = frozenset(
    "transaction payment charge ledger receipt withdrawal deposit transfer refund "
    "payout statement expense purchase debit credit".split()
)
_VISITS = frozenset("appointment visit consultation encounter admission checkup".split())
_CLINICAL = frozenset("patient doctor physician clinic nurse hospital vet pet".split())
_RETURNS = frozenset("return refund rma exchange".split())
_DELIVERIES = frozenset("delivery shipment order pickup collection parcel dispatch".split())
_PRESCRIPTIONS = frozenset("prescription medication dose dosage drug refill".split())
_OFFERS = frozenset("offer bid".split())


def _free_text(
    col: list[str], joined: str, head: str, tab: list[str], siblings: frozenset[str]
) -> str | None:
    """What people type into a notes, feedback, description or reason column, by the table.

    ``viewings.feedback`` is about a property visit, ``inspections.notes`` lists findings,
    ``tickets.description`` a problem, ``appointments.reason`` why a patient came.
    """
    word = _FREE_WORDS.get(col[-1])
    if word is None:
        return None
    tabs = set(tab) | {"_".join(tab[-2:])}
    sibling_words = {w for s in siblings for w in words(s)}
    issues = _ISSUES | (_TICKETS if _SUPPORT & (tabs | siblings) else frozenset())
    if tabs & _VIEWINGS and word in ("feedback", "notes", "outcome"):
        return "viewing_feedback"
    if tabs & _OFFERS and (word in ("desc", "notes") or col[-1] in ("conditions", "terms")):
        if _is_property(tab, siblings) or "listing" in sibling_words:
            return "offer_terms"
        return None
    if tabs & _INSPECTIONS and word in ("notes", "feedback", "outcome", "desc"):
        return "inspection_notes"
    if word == "problem" or (word in ("desc", "notes") and tabs & (issues | _REPAIRS)):
        if tabs & _REPAIRS or (word == "problem" and not tabs & issues):
            return "repair_description"
        return "claim_description" if "claim" in tabs else "issue_description"
    if word == "desc":
        if "claim" in tabs:
            return "claim_description"
        if tabs & _PAYMENTS:
            return "transaction_description"
        if _is_property(tab, siblings):
            return "property_description"
        if tabs & (_WORKING | _TICKETS) or col[-1] not in ("description", "desc"):
            return None  # a description of what happened: none fits every event
        return "description"  # of a thing
    if word == "reason":
        if tabs & _RETURNS:
            return "return_reason"
        if tabs & _VISITS and (tabs | sibling_words) & _CLINICAL:
            return "visit_reason"
        return "reason" if col[-1] == "reason" else None
    if word == "instructions":
        if tabs & _DELIVERIES:
            return "delivery_instructions"
        return "dosage_instructions" if tabs & _PRESCRIPTIONS else None
    if word == "outcome":
        return "outcome"
    if col[-1] == "feedback" or (word == "feedback" and tabs & _CONSUMER):
        return "feedback"
    if tabs & _WORKING:
        return "notes"  # working notes, of events that happen to people
    # notes on any other record: short and neutral ("Checked and confirmed."), not "Notes for
    # vaccination 16"
    return "record_notes" if word == "notes" else None


def _product_name(tab: list[str]) -> str:
    group = product_group("_".join(tab))
    if group is None:
        return "product_name"
    return "book_title" if group == "book" else f"product_name_{group}"


def _category(tab: list[str], col: list[str]) -> str | None:
    """Product categories, on product tables and category tables of products."""
    shop = _PRODUCTS | {"category", "subcategory", "order", "cart", "shop", "store", "sale"}
    if (set(tab) & shop and not (set(tab) - shop - {"line", "detail"})) or "product" in col:
        return "product_category"
    return None


def _breed(tab: list[str], siblings: frozenset[str]) -> str:
    if siblings & set(_SPECIES):
        return "pet_breed"  # the row's species decides
    if "dog" in tab or "puppy" in tab or "kennel" in tab:
        return "dog_breed"
    if "cat" in tab or "kitten" in tab:
        return "cat_breed"
    return "pet_breed"


def _genre(tab: list[str]) -> str | None:
    for word in reversed(tab):
        if word in _GENRE_CONTEXT:
            return f"{_GENRE_CONTEXT[word]}_genre"
    return None


def _status(col: list[str], head: str, tab: list[str]) -> str:
    """The status of what the column or its table names: ``payment_status``, ``orders.status``."""
    for word in [*reversed(col[:-1]), head, *reversed(tab)]:
        kind = _STATUS_CONTEXT.get(word)
        if kind is not None:
            return f"{kind}_status"
    return "status"


# --- Neutral values for the rest --------------------------------------------------------------

#: Column words that read as a short description (their phrase names the row's thing).
_DESCRIPTIVE = frozenset(
    "description desc notes note comment comments remarks remark details detail summary body "
    "text content bio biography abstract feedback reason outcome diagnosis purpose complaint "
    "message instructions instruction memo observation observations explanation overview "
    "about narrative story caption".split()
)
#: Column words that read as a category: their phrases come from a handful of values.
_CATEGORICAL = frozenset(
    "type kind category class group level tier grade segment channel source region zone area "
    "section block ward term season shift size plan method mode format material unit band "
    "bracket stage phase rank".split()
)


class Fallback(NamedTuple):
    """How to spell a neutral value for a column with no meaning: ``lead``, ``noun``, a number
    and a ``tail`` (a file name's extension).

    ``scope`` says where the number comes from: ``"row"`` (the row's own number in its table,
    the same for every such column of the row, so a name and its description agree), ``"few"``
    (one of a handful, for category-like columns) or ``"many"`` (any of as many as there are
    rows). A phrase with a ``lead`` describes its row ("Notes for "): when the row has a name
    (see :func:`anchor`), the phrase is the lead and that name ("Notes for Lakeview Clinic").
    """

    lead: str
    noun: str
    scope: str
    tail: str = ""


def _sentence(parts: list[str]) -> str:
    text = " ".join(parts)
    return text[:1].upper() + text[1:]


def fallback(field_name: str, table: str, field_type: FieldType = FieldType.STRING) -> Fallback:
    """The neutral phrase of a text column no meaning fits: short, and made of its names.

    >>> fallback("name", "warehouses")
    Fallback(lead='', noun='Warehouse ', scope='row', tail='')
    >>> fallback("notes", "inspections", FieldType.TEXT)
    Fallback(lead='Notes for ', noun='inspection ', scope='row', tail='')
    >>> fallback("region", "stores")
    Fallback(lead='', noun='Region ', scope='few', tail='')
    """
    col = words(field_name) or ["value"]
    tab = [singular(w) for w in words(table)] or ["item"]
    if col[-1] == "filename" or _ends(col, "file", "name"):
        return Fallback("", "_".join(tab) + "_", "row", ".pdf")
    if col[-1] in _NAMES:
        if _names_row(col, tab) or col[-2] in _QUALIFIERS:
            return Fallback("", _sentence(tab) + " ", "row")
        return Fallback("", _sentence(col[:-1]) + " ", "many")
    if col[-1] in _DESCRIPTIVE or field_type is FieldType.TEXT:
        return Fallback(f"{_sentence(col)} for ", " ".join(tab) + " ", "row")
    if col[-1] in _CATEGORICAL:
        return Fallback("", _sentence(col) + " ", "few")
    return Fallback("", _sentence(col) + " ", "many")


_NAMES = ("name", "title", "label", "heading", "headline")
#: Words before ``name`` that say which name of the row it is, not what is named.
_QUALIFIERS = frozenset(
    "common scientific short long full display legal official trade alt alternate alternative "
    "preferred local english latin original formal internal public registered working "
    "marketing".split()
)


def _names_row(col: list[str], tab: list[str]) -> bool:
    """Whether a name column names its row: ``name``, ``title``, ``warehouse_name``."""
    whole = col in (["display", "name"], ["full", "name"])
    return len(col) == 1 or whole or col[:-1] == tab[-len(col) + 1 :]


def _row_name(field: Field, table: str, siblings: Sequence[str]) -> str | None:
    """The sibling that names a row, for a neutral phrase that describes the row."""
    if meaning(field, table, siblings) is not None:
        return None
    if not fallback(field.name, table, field.type).lead:
        return None
    tab = [singular(w) for w in words(table)] or ["item"]
    for sibling in siblings:
        col = words(sibling)
        if sibling != field.name and col and col[-1] in _NAMES[:2] and _names_row(col, tab):
            return sibling
    return None


# --- Numbers and dates ---------------------------------------------------------------------------

#: Field types a number meaning may hold (AMOUNT only money, PERCENT only shares), and dates.
NUMBER_TYPES = frozenset(t for t, tr in FIELD_TRAITS.items() if tr.measure == "number")
DATE_TYPES = frozenset(t for t, tr in FIELD_TRAITS.items() if tr.measure == "date")
_MONEY_TYPES = frozenset(t for t, tr in FIELD_TRAITS.items() if tr.measure == "money")
_SHARE_TYPES = frozenset(t for t, tr in FIELD_TRAITS.items() if tr.measure == "share")
_SEMANTIC_TYPES = frozenset(t for t, tr in FIELD_TRAITS.items() if tr.semantic)

#: Price kinds by the table's kind of goods (product families, and a few more).
_PRICE_KINDS = (
    *PRODUCT_GROUPS,
    "book",
    "car",
    "hotel_night",
    "dish",
    "flight",
    "event_ticket",
    "track",
)
_PRICE_WORDS = {
    "book": "a book",
    "car": "a car",
    "hotel_night": "a night in a hotel",
    "dish": "a dish",
    "flight": "a flight",
    "event_ticket": "an event ticket",
    "track": "a track or song download",
    "property": "a property",
    "service": "a service",
    "subscription": "a monthly subscription",
}

#: Prices of goods, which follow the row's category where the table has one.
_GOODS_PRICES = frozenset({"price", "price_book", *(f"price_{g}" for g in PRODUCT_GROUPS)})

#: Money meanings (an AMOUNT field takes only these).
MONEY_MEANINGS: dict[str, str] = {
    "price": "retail price (by the row's category when there is one)",
    **{
        f"price_{kind}": f"price of {_PRICE_WORDS.get(kind, kind.replace('_', ' ') + ' goods')}"
        for kind in (*_PRICE_KINDS, "property", "service", "subscription")
    },
    "amount": "money amount",
    "order_total": "order total",
    "invoice_amount": "invoice amount",
    "balance": "account balance",
    "loan_amount": "loan amount",
    "budget": "budget",
    "revenue": "annual revenue",
    "salary": "annual salary",
    "monthly_salary": "monthly salary",
    "hourly_rate": "hourly pay rate",
    "tax_amount": "tax amount",
    "discount_amount": "discount amount",
    "shipping_cost": "shipping cost",
    "fee": "fee",
    "tip": "tip",
}

#: Every number meaning, with the words :meth:`Field.details` shows.
NUMBER_MEANINGS: dict[str, str] = {
    **MONEY_MEANINGS,
    "tax_rate": "tax rate as a fraction (0.08)",
    "tax_rate_percent": "tax rate in percent (8.25)",
    "interest_rate": "interest rate in percent",
    "discount_percent": "discount in percent (mostly 0, 10, 20)",
    "discount_rate": "discount as a fraction (0.1)",
    "percent": "percentage (0–100)",
    "fraction": "share between 0 and 1",
    "rating": "rating on a 1–5 scale (leaning to 4 and 5)",
    "rating_10": "score out of 10",
    "score_100": "score out of 100",
    "credit_score": "credit score (300–850)",
    "gpa": "grade point average (0–4)",
    "hotel_stars": "hotel star rating",
    "quantity": "quantity (mostly 1–3, long tail)",
    "stock_quantity": "units in stock",
    "age": "age of an adult (18–90)",
    "age_worker": "age of an employee (18–70)",
    "age_pupil": "age of a pupil (4–19)",
    "age_student": "age of a student",
    "age_patient": "age of a patient (0–100)",
    "age_pet": "age of a pet",
    "age_years": "age in years (0–100)",
    "year": "recent year",
    "model_year": "model year (1990 on, mostly recent)",
    "publication_year": "year of publication",
    "release_year": "year of release",
    "founded_year": "year founded",
    "birth_year": "year of birth",
    "year_built": "year built",
    "track_length_ms": "track length in milliseconds (2–8 minutes)",
    "track_length_seconds": "track length in seconds",
    "runtime_minutes": "film runtime in minutes",
    "appointment_minutes": "appointment length in minutes (15–120)",
    "flight_minutes": "flight time in minutes",
    "call_seconds": "call length in seconds",
    "latency_ms": "latency in milliseconds",
    "duration_seconds": "duration in seconds",
    "duration_minutes": "duration in minutes",
    "duration_hours": "duration in hours",
    "duration_days": "duration in days",
    "hours_worked": "hours worked",
    "nights": "nights of a stay",
    "page_count": "number of pages",
    "seats": "seats in a vehicle",
    "capacity": "capacity",
    "capacity_venue": "capacity of a venue",
    "capacity_room": "capacity of a room",
    "capacity_restaurant": "seats in a restaurant",
    "capacity_aircraft": "seats on an aircraft",
    "hotel_rooms": "rooms in a hotel",
    "bedrooms": "bedrooms",
    "bathrooms": "bathrooms",
    "headcount": "number of employees",
    "popularity": "views, likes or followers (long tail)",
    "count": "count",
    "mileage": "mileage",
    "distance": "distance",
    "calories": "calories",
    "credits": "course credits",
    "grade_level": "school grade (1–12)",
    "file_size": "file size in bytes",
    "heart_rate": "heart rate (beats per minute)",
    "latitude": "latitude (of the row's address)",
    "longitude": "longitude (of the row's address)",
    "height_person": "person's height (cm unless the name says)",
    "weight_person": "person's weight (kg unless the name says)",
    "weight_pet": "pet's weight (kg unless the name says)",
    "weight_parcel": "parcel's weight (kg unless the name says)",
    "weight_product": "product's weight (kg unless the name says)",
    "dimension": "size of a thing (cm unless the name says)",
}
#: Meanings a PERCENT field may take.
PERCENT_MEANINGS = frozenset(
    {"percent", "discount_percent", "tax_rate_percent", "interest_rate", "score_100"}
)

#: Every date meaning (DATE and DATETIME), with the words :meth:`Field.details` shows.
DATE_MEANINGS: dict[str, str] = {
    "birth_date": "birth date of an adult (ages 18–90)",
    "birth_date_worker": "birth date of an employee (ages 18–70)",
    "birth_date_pupil": "birth date of a pupil (ages 4–19)",
    "birth_date_student": "birth date of a student (ages 17–40)",
    "birth_date_patient": "birth date of a patient (ages 0–100)",
    "birth_date_pet": "birth date of a pet",
    "hire_date": "hire date (past, mostly recent years)",
    "signup_date": "sign-up or creation date (past, mostly recent)",
    "event_date": "date of a past event",
    "business_event": "business event (weekdays, working hours)",
    "consumer_event": "consumer event (every day, lunchtime and evening peaks)",
    "last_activity": "last activity (recent)",
    "published_date": "publication or release date",
    "founded_date": "founding date",
    "expiry_date": "expiry date (mostly in the future)",
    "scheduled_date": "scheduled date (recent past to the coming months)",
}


def types_for(kind: str) -> frozenset[FieldType]:
    """The field types a meaning fits (``book_title``: STRING and TEXT; ``price``: numbers)."""
    if kind in DATE_MEANINGS:
        return DATE_TYPES
    if kind in NUMBER_MEANINGS:
        money = _MONEY_TYPES if kind in MONEY_MEANINGS else frozenset()
        share = _SHARE_TYPES if kind in PERCENT_MEANINGS else frozenset()
        return NUMBER_TYPES | money | share
    return _SEMANTIC_TYPES


_VEHICLES = frozenset("car vehicle truck van motorcycle motorbike suv auto automobile".split())
_PUPILS = frozenset("pupil child kid schoolchild".split())
_SCHOOLISH = frozenset("school grade_level homeroom kindergarten".split())
_ANIMALS = frozenset(
    "pet animal dog cat horse puppy kitten livestock cattle cow calf heifer goat sheep pig".split()
)
_PATIENTS = frozenset("patient".split())
_OFFICE = frozenset(
    "ticket case incident appointment meeting invoice shipment delivery task interview "
    "inspection visit consultation claim application repair service work call timesheet "
    "maintenance audit approval request escalation".split()
)
_CONSUMER = frozenset(
    "order purchase cart sale transaction payment session review login event booking "
    "reservation comment post message click view play stream listen rental checkout "
    "rating like share search signup".split()
)
#: Tables of things that happen to people, where generic working notes fit.
_WORKING = (
    _OFFICE
    | _CONSUMER
    | frozenset("delivery shipment pickup collection dispatch movement transfer job".split())
)
_UNIT_WORDS = frozenset(
    "cm mm m meter meters metre metres inch inches ft feet kg kgs kilo kilos g gram grams "
    "lb lbs pound pounds oz km kms mi mile miles usd eur gbp".split()
)
_POPULAR = frozenset(
    "views view_count likes like_count followers follower_count plays play_count downloads "
    "download_count streams stream_count clicks impressions shares upvotes retweets "
    "subscribers subscriber_count listens favorites favourites reactions".split()
)


def _number(
    col: list[str], head: str, tab: list[str], siblings: frozenset[str], field_type: FieldType
) -> str | None:
    """What a number column holds, from its name and its table's."""
    words_ = [w for w in col if w not in _UNIT_WORDS] or col
    joined, last, first = "_".join(words_), words_[-1], words_[0]
    has = set(words_)
    tabs = set(tab)
    if last in ("lat", "latitude"):
        return "latitude"
    if last in ("lon", "lng", "long", "longitude"):
        return "longitude"
    found = (
        _money(words_, joined, has, head, tabs)
        or _scale(words_, joined, has, head, tabs, siblings)
        or _time_span(words_, joined, has, head, tabs)
        or _amount_of(words_, joined, has, head, tabs, siblings)
    )
    if found is not None:
        return found
    if first in ("num", "number", "count", "total", "no") or last in ("count", "counts"):
        return "count" if field_type is FieldType.INTEGER else None
    return None


def _money(col: list[str], joined: str, has: set[str], head: str, tabs: set[str]) -> str | None:
    last = col[-1]
    shares = has & {"pct", "percent", "percentage"}
    if has & {"tax", "vat", "gst"}:
        if shares:
            return "tax_rate_percent"
        return "tax_rate" if "rate" in has else "tax_amount"
    if ("interest" in has and "rate" in has) or joined in ("apr", "interest_rate", "annual_rate"):
        return "interest_rate"
    if "discount" in has:
        if shares:
            return "discount_percent"
        return "discount_rate" if has & {"rate", "ratio", "fraction"} else "discount_amount"
    if "hourly" in has or joined in (
        "pay_rate",
        "rate_per_hour",
        "wage",
        "bill_rate",
        "billing_rate",
        "hourly_wage",
        "wage_rate",
    ):
        return "hourly_rate"
    if has & {"salary", "salaries", "income", "compensation", "pay"} and not has & {
        "date",
        "day",
        "period",
        "frequency",
        "grade",
    }:
        return "monthly_salary" if "monthly" in has else "salary"
    if has & {"shipping", "delivery", "freight", "postage"} and (
        has & {"cost", "fee", "charge", "price", "amount"}
        or joined in ("shipping", "freight", "postage", "handling")
    ):
        return "shipping_cost"
    if last in ("tip", "tips", "gratuity"):
        return "tip"
    if last in ("fee", "fees", "surcharge", "commission"):
        return "fee"
    if last in ("balance", "balances") or joined in ("credit_limit", "available_credit"):
        return "balance"
    if has & {"loan", "principal", "mortgage"} and has & {"amount", "principal", "value"}:
        return "loan_amount"
    if last in ("budget", "budgets", "funding", "grant"):
        return "budget"
    if has & {"revenue", "sales", "turnover"} and "count" not in has:
        return "revenue"
    if has & {
        "total",
        "subtotal",
        "sum",
        "grand",
        "amount",
        "paid",
        "due",
        "spend",
        "spent",
        "payment",
        "refund",
        "donation",
        "charge",
        "deposit",
        "cash",
        "owed",
    } or joined in (
        "order_value",
        "lifetime_value",
        "contract_value",
        "deal_value",
        "transaction_value",
    ):
        if has & {
            "count",
            "weight",
            "hours",
            "minutes",
            "points",
            "score",
            "items",
            "units",
            "quantity",
            "qty",
            "calories",
            "distance",
            "pages",
            "seats",
            "rating",
            "time",
        }:
            return None
        if has & {"invoice", "bill"} or tabs & {"invoice", "bill"}:
            return "invoice_amount"
        if has & {"order", "cart"} or tabs & {
            "order",
            "cart",
            "sale",
            "purchase",
            "checkout",
            "line",
            "item",
        }:
            return "order_total"
        return "amount"
    if has & {"price", "prices", "msrp"}:
        return _price(head, tabs, has) or "price"
    if has & {"cost", "fare"} or joined in ("nightly_rate", "room_rate", "rate_per_night"):
        return _price(head, tabs, has) or "amount"
    if joined in ("daily_rate", "weekly_rate", "base_rate", "flat_rate"):
        return _price(head, tabs, has) or "fee"
    return None


def _price(head: str, tabs: set[str], has: set[str]) -> str | None:
    """A price of what the table sells: a book, a car, a night in a hotel, a product family."""
    if tabs & {"hotel", "room", "stay", "lodging", "accommodation"} or has & {"night", "nightly"}:
        return "price_hotel_night"
    if tabs & _VEHICLES or tabs & {"dealership", "listing_car"}:
        return "price_car"
    if tabs & {"track", "song", "tune", "download"}:
        return "price_track"
    if tabs & {"flight", "airfare", "airline", "itinerary"}:
        return "price_flight"
    if tabs & {"concert", "event", "ticket", "show", "festival", "match", "screening"}:
        return "price_event_ticket"
    if tabs & {"menu", "dish", "meal", "restaurant", "pizza", "recipe", "food_item"}:
        return "price_dish"
    if tabs & {"property", "house", "home", "apartment", "listing", "real", "estate", "condo"}:
        return "price_property"
    if tabs & {"plan", "subscription", "membership", "tier"}:
        return "price_subscription"
    if tabs & {
        "service",
        "treatment",
        "appointment",
        "lesson",
        "repair",
        "procedure",
        "session",
        "class",
    }:
        return "price_service"
    group = product_group("_".join(sorted(tabs)))
    return None if group is None else f"price_{group}"


def _scale(
    col: list[str],
    joined: str,
    has: set[str],
    head: str,
    tabs: set[str],
    siblings: frozenset[str] = frozenset(),
) -> str | None:
    """Ratings, scores, shares, ages and years."""
    last = col[-1]
    if joined in ("gpa", "grade_point_average", "cumulative_gpa"):
        return "gpa"
    if "credit" in has and "score" in has:
        return "credit_score"
    if has & {"stars", "star"} and tabs & {"hotel", "resort", "accommodation", "lodging"}:
        return "hotel_stars"
    counted = has & {"count", "num", "total", "counts"}
    if not counted and (
        has & {"rating", "ratings", "stars", "star"}
        or (joined in ("score", "review_score") and tabs & _REVIEWS)
    ):
        if has & {"10", "ten", "imdb"}:
            return "rating_10"
        if has & {"100", "hundred"}:
            return "score_100"
        return "rating"
    if last in ("score", "grade", "mark", "marks", "points", "result") and not has & {"level"}:
        if has & {"10", "ten", "nps"} or joined == "nps":
            return "rating_10"
        if last in ("grade", "mark", "marks", "result") and not tabs & {
            "exam",
            "test",
            "quiz",
            "assessment",
            "grade",
            "submission",
            "enrollment",
            "result",
            "student",
            "course",
            "assignment",
            "enrolment",
            "mark",
        }:
            return None
        return "score_100"
    if has & {"pct", "percent", "percentage"}:
        return "percent"
    if last in ("ratio", "probability", "fraction", "share", "likelihood", "confidence") or (
        last == "rate"
        and len(col) > 1
        and not has
        & {
            "heart",
            "pulse",
            "exchange",
            "interest",
            "hourly",
            "daily",
            "nightly",
            "room",
            "weekly",
            "monthly",
            "base",
            "flat",
            "day",
            "night",
            "birth",
        }
    ):
        return "fraction"
    if has & {"heart", "pulse", "bpm"}:
        return "heart_rate"
    if last == "age" or joined in ("age_years", "age_in_years"):
        return _age(head, tabs | siblings)
    if last in ("year", "yr", "yyyy") or "year" in has:
        return _year(has, head, tabs)
    return None


def _age(head: str, tabs: set[str]) -> str:
    if tabs & _ANIMALS:
        return "age_pet"
    if tabs & _PUPILS or (head == "student" and tabs & _SCHOOLISH):
        return "age_pupil"  # (a table's words and its columns' names)
    if head == "student":
        return "age_student"
    if tabs & _PATIENTS:
        return "age_patient"
    if head in _WORKERS or head in ("staff", "driver", "teacher", "nurse", "doctor"):
        return "age_worker"
    if head in _PEOPLE or tabs & _PEOPLE:
        return "age"
    return "age_years"  # of a thing, or of people the names do not say


def _year(has: set[str], head: str, tabs: set[str]) -> str:
    if has & {"birth", "born"}:
        return "birth_year"
    if has & {"built", "construction", "constructed"}:
        return "year_built"
    if has & {"founded", "established", "incorporated", "founding", "inception"}:
        return "founded_year"
    if has & {"publication", "published", "pub", "publishing"}:
        return "publication_year"
    if has & {"release", "released", "premiere"}:
        return "release_year"
    if "model" in has or tabs & _VEHICLES:
        return "model_year"
    if tabs & {"book", "novel", "publication", "edition", "paper", "article"}:
        return "publication_year"
    if tabs & {"movie", "film", "album", "song", "track", "game", "record", "show", "series"}:
        return "release_year"
    if tabs & _COMPANIES:
        return "founded_year"
    if tabs & {"building", "property", "house", "home"}:
        return "year_built"
    return "year"


def _time_span(col: list[str], joined: str, has: set[str], head: str, tabs: set[str]) -> str | None:
    """Durations: milliseconds of a track, minutes of an appointment, nights of a stay."""
    tracks = tabs & {"track", "song", "tune", "recording"}
    films = tabs & {"movie", "film", "episode", "show", "documentary"}
    appointments = tabs & {
        "appointment",
        "visit",
        "session",
        "consultation",
        "meeting",
        "class",
        "lesson",
        "booking",
        "treatment",
        "therapy",
        "workout",
    }
    if has & {"nights", "night"} or joined in ("length_of_stay", "stay_length"):
        return "nights"
    if has & {"latency", "response", "ping", "lag"} and (has & {"ms", "time", "latency"}):
        return "latency_ms"
    if has & {"ms", "millis", "milliseconds", "millisecond", "msec"}:
        return "track_length_ms" if tracks else "latency_ms"
    if "worked" in has and has & {"hours", "hrs", "hour"}:
        return "hours_worked"
    spans = {"duration", "length", "runtime", "running", "time", "elapsed", "span"}
    if has & {"seconds", "secs", "sec", "second"}:
        if tracks:
            return "track_length_seconds"
        return "call_seconds" if tabs & {"call", "phone"} else "duration_seconds"
    if has & {"minutes", "minute"} or (col[-1] in ("min", "mins") and len(col) > 1):
        if films:
            return "runtime_minutes"
        if tabs & {"flight"}:
            return "flight_minutes"
        return "appointment_minutes" if appointments else "duration_minutes"
    if has & {"hours", "hrs", "hour"} and not has & {"opening", "open", "business"}:
        return "duration_hours"
    if has & {"days", "day"} and has & {
        "lead",
        "duration",
        "length",
        "stay",
        "term",
        "transit",
        "delivery",
        "trial",
        "leave",
        "notice",
        "processing",
    }:
        return "duration_days"
    if "days" in has and len(col) <= 2:
        return "duration_days"
    if has & spans and not has & {"start", "end", "zone", "stamp", "timestamp", "of_day"}:
        if tracks:
            return "track_length_seconds"
        if films:
            return "runtime_minutes"
        if tabs & {"call", "phone"}:
            return "call_seconds"
        if tabs & {"flight"}:
            return "flight_minutes"
        if appointments:
            return "appointment_minutes"
        if "length" in has:
            return None  # a length is as likely a distance
        return "duration_minutes"
    return None


def _amount_of(
    col: list[str],
    joined: str,
    has: set[str],
    head: str,
    tabs: set[str],
    siblings: frozenset[str],
) -> str | None:
    """Quantities and counts, sizes, weights and distances."""
    last = col[-1]
    stock = {
        "stock",
        "on_hand",
        "hand",
        "inventory",
        "available",
        "reorder",
        "onhand",
        "in_stock",
        "instock",
        "order",
    }
    if last in ("quantity", "qty", "quantities", "units") or joined in (
        "reorder_level",
        "reorder_point",
        "units_in_stock",
        "units_on_order",
        "stock",
        "stock_level",
        "stock_count",
    ):
        if has & stock or tabs & {"inventory", "stock", "warehouse"} - {"order"}:
            return "stock_quantity"
        return "quantity"
    if joined in ("pages", "page_count", "num_pages", "number_of_pages", "pagecount"):
        return "page_count"
    if has & {"seats", "seating", "capacity", "occupancy", "passengers"} or joined in (
        "seat_count",
        "max_guests",
        "guests",
        "num_seat",
        "number_of_seats",
    ):
        if tabs & _VEHICLES:
            return "seats"
        if tabs & {"aircraft", "plane", "airplane", "flight", "jet"}:
            return "capacity_aircraft"
        if tabs & {"restaurant", "cafe", "bar", "diner", "bistro"}:
            return "capacity_restaurant"
        if tabs & {
            "room",
            "classroom",
            "class",
            "course",
            "section",
            "lab",
            "meeting",
            "session",
            "workshop",
            "lesson",
        }:
            return "capacity_room"
        if tabs & {
            "venue",
            "stadium",
            "arena",
            "theater",
            "theatre",
            "hall",
            "event",
            "concert",
            "festival",
            "cinema",
            "auditorium",
            "conference",
        }:
            return "capacity_venue"
        return "capacity"
    if (
        "room" in has
        and tabs & {"hotel", "resort", "motel", "hostel", "inn"}
        and (has & {"rooms", "count", "num", "total"} or last == "rooms")
    ):
        return "hotel_rooms"
    if last in ("rooms",) and tabs & {"hotel", "resort", "motel"}:
        return "hotel_rooms"
    if has & {"bedrooms", "beds", "bedroom", "bed"}:
        return "bedrooms"
    if has & {"bathrooms", "baths", "bathroom", "bath"}:
        return "bathrooms"
    if joined in (
        "employee_count",
        "headcount",
        "num_employees",
        "employees",
        "staff_count",
        "number_of_employees",
        "employee_size",
        "company_size",
        "team_size",
    ):
        return "headcount"
    if joined in _POPULAR or (
        last
        in {
            "views",
            "likes",
            "followers",
            "plays",
            "downloads",
            "streams",
            "clicks",
            "impressions",
            "subscribers",
        }
    ):
        return "popularity"
    if has & {"mileage", "odometer", "mileage_km", "km_driven", "miles_driven"}:
        return "mileage"
    if has & {"distance", "miles", "km"} and not has & {"count"}:
        return "distance"
    if has & {"calories", "kcal", "calorie"}:
        return "calories"
    if joined in ("grade_level", "school_grade", "year_group", "class_level"):
        return "grade_level"
    if last in ("credits", "credit_hours", "ects") or joined == "credit_hours":
        return "credits"
    if last in ("bytes", "filesize") or joined in ("file_size", "size_bytes", "size_in_bytes"):
        return "file_size"
    if has & {"weight", "mass"}:
        if tabs & _ANIMALS:
            return "weight_pet"
        if tabs & {"shipment", "parcel", "package", "delivery", "freight", "consignment"}:
            return "weight_parcel"
        if tabs & _PEOPLE or tabs & {
            "patient",
            "athlete",
            "member",
            "player",
            "measurement",
            "vital",
            "checkup",
            "body",
        }:
            return "weight_person"
        return "weight_product"
    if has & {"height", "stature"} and (
        tabs & _PEOPLE or tabs & {"patient", "athlete", "player", "vital", "body"}
    ):
        return "height_person"
    if last in ("width", "height", "depth", "length", "diameter", "thickness") and (
        tabs & (_PRODUCTS | {"parcel", "package", "shipment", "box", "furniture", "part"})
    ):
        return "dimension"
    return None


def _date(
    col: list[str], head: str, tab: list[str], siblings: frozenset[str] = frozenset()
) -> str | None:
    """What a date or timestamp holds: a birth date, a hire date, an order placed on a weekday."""
    has, tabs, joined = set(col), set(tab), "_".join(col)
    if has & {"birth", "dob", "born", "birthday", "birthdate", "bday"}:
        if tabs & _ANIMALS:
            return "birth_date_pet"
        if tabs & _PUPILS or (head == "student" and (tabs | siblings) & _SCHOOLISH):
            return "birth_date_pupil"
        if head == "student":
            return "birth_date_student"
        if tabs & _PATIENTS:
            return "birth_date_patient"
        if head in _WORKERS or head in ("staff", "driver", "teacher", "nurse", "doctor"):
            return "birth_date_worker"
        return "birth_date"
    if has & {"hire", "hired", "employment"} or (
        head in _WORKERS | {"staff"} and has & {"start", "joined", "join"}
    ):
        return "hire_date"
    if has & {"expiry", "expiration", "expires", "expire", "renewal", "renews"} or joined in (
        "valid_until",
        "valid_to",
        "valid_thru",
        "good_until",
        "best_before",
        "use_by",
    ):
        return "expiry_date"
    if has & {"updated", "modified", "last", "changed", "edited", "seen", "refreshed", "synced"}:
        return "last_activity"
    if has & {"published", "publication", "released", "release", "premiere", "aired", "air", "pub"}:
        return "published_date"
    if has & {"founded", "established", "incorporated", "inception", "founding", "opened_on"}:
        return "founded_date"
    if has & {
        "due",
        "deadline",
        "scheduled",
        "appointment",
        "planned",
        "target",
        "eta",
        "estimated",
        "expected",
        "checkin",
        "check",
        "departure",
        "arrival",
        "start",
        "end",
        "begins",
        "ends",
        "starts",
    }:
        return "scheduled_date"
    person = head in _PEOPLE or head in ("account", "profile", "membership", "subscription")
    if has & {
        "signup",
        "sign",
        "registered",
        "registration",
        "joined",
        "join",
        "since",
        "enrolled",
        "enrollment",
        "enrolment",
        "onboarded",
        "activated",
    } or (person and has & {"created", "creation", "opened", "open"}):
        return "signup_date"
    if tabs & _OFFICE:
        return "business_event"
    if tabs & _CONSUMER:
        return "consumer_event"
    if has & {
        "created",
        "creation",
        "date",
        "at",
        "on",
        "time",
        "timestamp",
        "ts",
        "occurred",
        "recorded",
        "logged",
        "submitted",
        "issued",
        "paid",
        "shipped",
        "delivered",
        "completed",
        "closed",
        "resolved",
        "processed",
        "received",
        "sent",
    }:
        return "event_date"
    return None


#: Every meaning, of text, numbers and dates (see :func:`types_for` for the types each fits).
MEANINGS: dict[str, str] = {**TEXT_MEANINGS, **NUMBER_MEANINGS, **DATE_MEANINGS}
