"""A field's type and options from its name (``created_at`` → DATETIME, ``status`` → ENUM)."""

from __future__ import annotations

import re
from typing import Any

from synthdata.schema import Field, FieldType
from synthdata.schema.traits import traits

__all__ = ["UNITS", "field_from_name", "unit_of"]

#: (pattern on the whole snake_case name, type, extra options); the first match wins.
_RULES: list[tuple[str, FieldType, dict[str, Any]]] = [
    (r"e_?mail(_address)?|.*_email", FieldType.EMAIL, {}),
    (r"(.*_)?(phone|mobile|tel|telephone|cell|fax)(_number|_no)?", FieldType.PHONE, {}),
    (r"(.*_)?first_?name|given_name|forename", FieldType.FIRST_NAME, {}),
    (r"(.*_)?(last_?name|surname|family_name)", FieldType.LAST_NAME, {}),
    (r"(.*_)?user_?name|login|handle", FieldType.USERNAME, {}),
    (r"(.*_)?password(_hash)?", FieldType.PASSWORD_HASH, {}),
    (r"(.*_)?(street_)?address(_line_?1)?", FieldType.ADDRESS, {}),
    (r"(.*_)?street", FieldType.STREET, {}),
    (r"(.*_)?(city|town)", FieldType.CITY, {}),
    (r"(.*_)?(state|province|county|region|prefecture)", FieldType.STATE, {}),
    (r"(.*_)?(postal_code|post_?code|zip(_?code)?|postcode)", FieldType.POSTAL_CODE, {}),
    (r"(.*_)?country", FieldType.COUNTRY, {}),
    (r"(.*_)?(latitude|lat)", FieldType.LATITUDE, {}),
    (r"(.*_)?(longitude|lng|lon)", FieldType.LONGITUDE, {}),
    (r"(.*_)?(company|employer|organisation_name|organization_name)", FieldType.COMPANY, {}),
    (r"(.*_)?(job_title|position|occupation)", FieldType.JOB_TITLE, {}),
    (r"(.*_)?(url|website|homepage|link)", FieldType.URL, {}),
    (r"(.*_)?ip(_address)?", FieldType.IP_ADDRESS, {}),
    (r"(.*_)?currency(_code)?", FieldType.CURRENCY_CODE, {}),
    (r"(.*_)?iban", FieldType.IBAN, {}),
    (r"(.*_)?(card_number|credit_card)", FieldType.CREDIT_CARD, {}),
    (r"(.*_)?(ssn|national_id|tax_id|nino|passport_number)", FieldType.NATIONAL_ID, {}),
    (r"(.*_)?colou?r", FieldType.COLOR, {}),
    (r"(.*_)?(metadata|attributes|properties|payload|settings|config)", FieldType.JSON, {}),
    # No range: the meaning of a birth date (synthdata.schema.semantics) gives ages that fit
    # the table (adults, patients, pupils, pets) and moves with the reference date.
    (r"(date_of_birth|dob|birth_?date|birthday)", FieldType.DATE, {}),
    (r"(.*_)?(at|timestamp|datetime|time)", FieldType.DATETIME, {}),
    (r"(.*_)?(date|on|day|since|until|deadline|due|expiry|expires)", FieldType.DATE, {}),
    (
        r"(is|has|can|was)_.*|(.*_)?(active|enabled|verified|paid|approved|flag|consent)",
        FieldType.BOOLEAN,
        {},
    ),
    (
        r"(.*_)?(percent|percentage|pct|ratio|discount_rate|interest_rate|tax_rate|apr)",
        FieldType.PERCENT,
        {},
    ),
    (
        r"(.*_)?(amount|price|cost|total|subtotal|fee|fees|balance|salary|wage|revenue|budget|"
        r"payment|charge|premium|deductible|excess|limit|value|rent|deposit|pay|gross|net|tax|"
        r"spend|income|fare|rate_per_night|nightly_rate|hourly_rate|rate)",
        FieldType.AMOUNT,
        {},
    ),
    (
        r"(.*_)?(quantity|qty|count|number_of_.*|num_.*|capacity|seats|stock|units|copies|"
        r"minutes|hours|days|nights|duration.*|year|age|floor|rank|position_number|points|"
        r"kills|goals|score|rating|level_number|size|sessions|attempts|placement|mileage|"
        r"odometer|bedrooms|bathrooms|guests|attendees|headcount|pages|episodes)",
        FieldType.INTEGER,
        {},
    ),
    (
        r"(.*_)?(weight|height|width|length|depth|area|distance|volume|temperature|yield|"
        r"kg|km|litres|liters|kwh|mb|gb|hectares|acres|reading|usage|damage|speed|bmi)"
        r"(_(cents|sqm|sqft|m|cm|mm|ft|miles|g|tonnes|lbs|ml|gallons))?",
        FieldType.FLOAT,
        {},
    ),
    (
        r"(.*_)?(description|notes?|comments?|bio|summary|details|body|message|content|"
        r"reason|remarks|feedback|diagnosis|instructions|text|review|synopsis|abstract)",
        FieldType.TEXT,
        {},
    ),
    (
        r"(.*_)?(sku|code|number|no|reference|ref|vin|barcode|serial(_number)?|tag|"
        r"license_plate|plate|isbn|account_number|invoice_number|tracking_number|"
        r"confirmation_number|policy_number|case_number)",
        FieldType.CODE,
        {"unique": True},
    ),
]
_COMPILED = [(re.compile(p + "$"), t, extra) for p, t, extra in _RULES]

#: Common closed vocabularies by field name.
ENUM_VALUES: dict[str, list[str]] = {
    "status": ["active", "pending", "completed", "cancelled"],
    "gender": ["female", "male", "non_binary", "unknown"],
    "priority": ["low", "medium", "high", "urgent"],
    "payment_method": ["card", "cash", "bank_transfer", "paypal"],
    "method": ["card", "cash", "bank_transfer", "direct_debit"],
    "channel": ["web", "mobile", "phone", "in_store"],
    "source": ["web", "referral", "walk_in", "partner"],
    "severity": ["low", "medium", "high", "critical"],
    "role": ["admin", "member", "viewer"],
    "tier": ["basic", "plus", "premium"],
    "level": ["beginner", "intermediate", "advanced"],
    "frequency": ["one_off", "weekly", "monthly", "annual"],
    "billing_cycle": ["monthly", "annual"],
    "billing_period": ["monthly", "annual"],
    "condition": ["new", "good", "fair", "poor"],
    "result": ["pass", "fail", "partial"],
    "outcome": ["resolved", "escalated", "no_action"],
    "rsvp": ["yes", "no", "maybe", "pending"],
    "rsvp_status": ["accepted", "declined", "pending"],
    "meal_choice": ["meat", "fish", "vegetarian", "vegan"],
    "fuel_type": ["petrol", "diesel", "electric", "hybrid"],
    "language": ["en", "es", "fr", "de", "ja"],
    "unit": ["each", "kg", "litre", "box"],
    "day_of_week": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
}
_ENUM_NAMES = re.compile(
    r"(.*_)?(status|state_code|type|kind|category|tier|level|stage|method|channel|priority|"
    r"gender|role|source|severity|frequency|cycle|period|condition|result|outcome|rsvp|"
    r"class|grade|segment|plan_name|mode|language|unit|day_of_week|choice|size_label)"
)


def field_from_name(name: str, *, person: bool = False) -> Field:
    """A field whose type and options follow from its name (``created_at`` → DATETIME).

    Args:
        name: a snake_case field name.
        person: the table describes people, so ``name`` is a person's NAME rather than a STRING.
    """
    if name == "id":
        return Field(name=name, type=FieldType.UUID, primary_key=True)
    if name.endswith("_id"):
        return Field(name=name, type=FieldType.UUID)
    if name in {"name", "full_name", "contact_name"} or name.endswith("_full_name"):
        kind = FieldType.NAME if person or name != "name" else FieldType.STRING
        return Field(name=name, type=kind)
    if _ENUM_NAMES.fullmatch(name):
        values = ENUM_VALUES.get(name) or ENUM_VALUES.get(name.rsplit("_", 1)[-1])
        if values is None:
            values = _generic_enum(name)
        return Field(name=name, type=FieldType.ENUM, enum_values=values)
    for pattern, kind, extra in _COMPILED:
        if pattern.fullmatch(name):
            return Field(name=name, type=kind, **extra)
    if name in {"title", "subject", "label", "headline", "name_en"}:
        return Field(name=name, type=FieldType.STRING)
    head, _, rest = name.partition("_")
    if head in _HEADS_FIRST and rest:
        # "date_of_loss", "amount_claimed", "year_built": typed as "loss_date", ...
        rest = rest.removeprefix("of_")
        typed = field_from_name(f"{rest}_{head}", person=person)
        if traits(typed.type).numeric or traits(typed.type).temporal:
            return typed.model_copy(update={"name": name})
    return Field(name=name, type=FieldType.STRING)


#: Words that type a field when they end its name and may open it instead ("date of loss").
_HEADS_FIRST = frozenset(
    "date amount time year number count total price hours minutes seconds days weeks".split()
)


def _generic_enum(name: str) -> list[str]:
    stem = name.rsplit("_", 1)[0] if "_" in name else name
    if name.endswith(("type", "kind", "category", "class", "segment", "mode")):
        return [f"{stem}_a", f"{stem}_b", f"{stem}_c"] if stem != name else ["a", "b", "c"]
    return ["a", "b", "c"]


#: Units a text may state a measure in ("area in cents"): the word → (the field name's suffix,
#: the measure, how many of the measure's first unit one of it is). A measure stated in its own
#: unit takes over the catalogue's field of that measure, its range converted.
UNITS: dict[str, tuple[str, str, float]] = {
    "hectares": ("hectares", "area", 1.0),
    "hectare": ("hectares", "area", 1.0),
    "ha": ("hectares", "area", 1.0),
    "acres": ("acres", "area", 0.404686),
    "acre": ("acres", "area", 0.404686),
    "cents": ("cents", "area", 0.00404686),
    "sqm": ("sqm", "area", 0.0001),
    "m2": ("sqm", "area", 0.0001),
    "square metres": ("sqm", "area", 0.0001),
    "square meters": ("sqm", "area", 0.0001),
    "sqft": ("sqft", "area", 0.0000092903),
    "square feet": ("sqft", "area", 0.0000092903),
    "kg": ("kg", "mass", 1.0),
    "kilos": ("kg", "mass", 1.0),
    "kilograms": ("kg", "mass", 1.0),
    "g": ("g", "mass", 0.001),
    "grams": ("g", "mass", 0.001),
    "tonnes": ("tonnes", "mass", 1000.0),
    "tons": ("tonnes", "mass", 1000.0),
    "lbs": ("lbs", "mass", 0.453592),
    "lb": ("lbs", "mass", 0.453592),
    "pounds": ("lbs", "mass", 0.453592),
    "metres": ("m", "length", 1.0),
    "meters": ("m", "length", 1.0),
    "m": ("m", "length", 1.0),
    "cm": ("cm", "length", 0.01),
    "mm": ("mm", "length", 0.001),
    "km": ("km", "length", 1000.0),
    "feet": ("ft", "length", 0.3048),
    "ft": ("ft", "length", 0.3048),
    "miles": ("miles", "length", 1609.344),
    "litres": ("litres", "volume", 1.0),
    "liters": ("liters", "volume", 1.0),
    "l": ("litres", "volume", 1.0),
    "ml": ("ml", "volume", 0.001),
    "gallons": ("gallons", "volume", 3.78541),
}
_SUFFIXES = {suffix: (measure, factor) for suffix, measure, factor in UNITS.values()}
_SUFFIXES["liters"] = ("volume", 1.0)


def unit_of(name: str) -> tuple[str, str, float] | None:
    """(the measure's stem, the measure, the unit's factor) of a field named with its unit:
    ``area_cents`` → ("area", "area", 0.004...); None when the name carries no unit."""
    stem, _, suffix = name.rpartition("_")
    if not stem or suffix not in _SUFFIXES:
        return None
    measure, factor = _SUFFIXES[suffix]
    return stem, measure, factor
