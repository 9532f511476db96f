"""Kinds of records by the head noun of their name: places, groups, troubles, credentials, and
the verb an event noun is made from (``bottling`` → bottled, ``inspection`` → inspected).

Closed lists of general English; the analyzer ranks who holds whose key by them and the
inference gives a table the catalogue does not know the fields its kind has.
"""

from __future__ import annotations

from functools import lru_cache

from synthdata.analysis.inflection import singular
from synthdata.analysis.reading import Span, _values, lexicon, verb_lemma
from synthdata.analysis.text import Mention, Token

__all__ = [
    "AGREEMENT_HEADS",
    "CREDENTIAL_HEADS",
    "GROUP_HEADS",
    "HOME_GROUPS",
    "JOB_HEADS",
    "PLACE_HEADS",
    "SCHEDULED_HEADS",
    "TROUBLE_WORDS",
    "done_form",
    "examples_of_things",
    "kinds_sharing_a_head",
    "shared_heads",
    "verbal_noun",
]

PLACE_HEADS = frozenset(
    "site location branch store shop outlet room venue station warehouse depot office zone "
    "region area park field court pitch rink lab laboratory clinic ward bed berth slot stand "
    "paddock enclosure yard campus building floor hall gym school facility plant kitchen centre "
    "center hub terminal port dock bay garage studio theatre theater cinema arena stadium "
    "library hospital farm estate territory district precinct route stop table seat restaurant "
    "cafe café bar pub hotel bakery pharmacy salon quay wharf pier marina jetty".split()
)
GROUP_HEADS = frozenset(
    "family household team group department company organisation organization club crew squad "
    "unit desk division cohort association chapter agency firm business employer practice "
    "league plan programme program section arm".split()
)
#: Groups that live at an address and are reached as one (a family, a household).
HOME_GROUPS = frozenset({"family", "household"})
#: Things that go wrong and get reported: a "leak report" is raised, rated and resolved.
TROUBLE_WORDS = frozenset(
    "leak fault incident accident damage bug defect breakdown outage failure crash complaint "
    "hazard injury spill grievance".split()
)
#: Things issued to someone that prove a right, by a number, until they expire.
CREDENTIAL_HEADS = frozenset(
    "card pass badge permit licence license certificate voucher fob token keycard".split()
)
#: Agreements between parties: signed, in force for a while, worth something.
AGREEMENT_HEADS = frozenset({"contract", "agreement", "lease", "tenancy", "warranty"})
#: Work done for someone, started and finished ("repair jobs", "cleaning tasks").
JOB_HEADS = frozenset({"job", "task", "errand", "work_order", "chore"})
#: Nouns in -ing that name things, not the act of a verb (a building, a listing).
_THING_INGS = frozenset(
    "building listing painting drawing recording holding filing setting offering posting "
    "clothing bedding filling siding ceiling housing lodging earring wing spring string king "
    "ring thing evening morning lining coating fitting topping seasoning stuffing dressing "
    "heading icing frosting pudding dumpling sibling duckling seedling sapling cutting "
    "planting wedding".split()
)


def verbal_noun(noun: str) -> bool:
    """Whether a noun in -ing names the act of its verb (a bottling, a weighing, a fitting is
    not: see ``_THING_INGS``)."""
    return noun.endswith("ing") and noun not in _THING_INGS and "VERB" in lexicon(noun)


#: Endings of nouns made from verbs, and what the verb ends with instead.
_NOUN_ENDINGS = (
    ("uction", "uce"),  # production → produce
    ("ion", "e"),  # completion → complete, donation → donate
    ("ation", ""),  # installation → install
    ("ion", ""),  # inspection → inspect
    ("ation", "e"),  # reservation → reserve
    ("ment", ""),  # assessment → assess
    ("al", ""),  # renewal → renew
    ("al", "e"),  # arrival → arrive
    ("ery", "er"),  # delivery → deliver
)
#: Events booked ahead: their date is when they start, not when a verb was done.
SCHEDULED_HEADS = frozenset(
    "appointment booking call class concert event flight game hearing journey lesson match "
    "meeting performance race rehearsal ride round screening session shift slot trip tour "
    "visit".split()
)


@lru_cache(maxsize=4096)
def done_form(noun: str) -> str | None:
    """The past participle of the verb an event noun is made from, or None.

    ``inspection`` → inspected, ``bottling`` → bottled, ``repair`` → repaired, ``stay`` →
    stayed; a noun the lexicon does not know as made from a verb gives None.
    """
    from lemminflect import getInflection

    verb = None
    if "VERB" in lexicon(noun):
        verb = verb_lemma(noun)  # weighing → weigh
    else:
        for ending, instead in _NOUN_ENDINGS:
            stem = noun[: -len(ending)] + instead if noun.endswith(ending) else ""
            if len(stem) > 2 and "VERB" in lexicon(stem):
                verb = stem
                break
    if verb is None:
        return None
    forms = getInflection(verb, "VBN")
    return forms[0] if forms else None


#: Words that open examples of the thing before them ("nodes such as valves and hydrants").
_EXAMPLE_OPENERS = frozenset({"like", "including", "eg", "e.g"})
_EXAMPLE_ENDS = frozenset({";", ":", ")", "(", "."})


def examples_of_things(
    tokens: list[Token], tags: list[str], mentions: list[Span]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """Kinds a text gives as examples of a thing: "nodes such as valves, hydrants and
    junctions", "vehicles (e.g. vans, trucks)", "products like seeds and bulbs". Each is ("",
    the thing, the kinds' names in the singular): values of the thing's type field. Examples
    the text also names as things of their own are left to the reader."""
    by_last = {m[2]: m for m in mentions}
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for i in range(1, len(tokens) - 2):
        thing = by_last.get(i - 1)
        if thing is None or not tokens[i - 1].plural:
            continue
        j = i + 1 if tokens[i].text == "(" else i
        if tokens[j].text == "such" and tokens[j + 1].text == "as":
            start = j + 2
        elif tokens[j].text in _EXAMPLE_OPENERS and tags[j] != "VERB":
            start = j + 1
        else:
            continue
        stop = start
        while (
            stop < len(tokens)
            and tokens[stop].sentence == tokens[i].sentence
            and tokens[stop].text not in _EXAMPLE_ENDS
            and tags[stop] not in {"VERB", "AUX", "PREP", "PRON"}
        ):
            stop += 1
        names = tuple(dict.fromkeys(_kind_name(v) for v in _values(tokens, start, stop)))
        if len(names) < 2:
            continue
        if any(start <= m[1] and m[2] < stop for m in mentions):
            continue  # kinds the text also names as things may be tables: left to the reader
        out.append(("", thing[0], names))
    return out


def _kind_name(value: str) -> str:
    """A kind's name as an ENUM value: singular, snake_case ("fire hydrants" → fire_hydrant)."""
    words = value.lower().split()
    return "_".join([*words[:-1], singular(words[-1])]) if words else value


#: Words that name a moment only with a head after them ("start and wrap dates").
_MOMENTS = frozenset(
    "start end finish open opening close closing due arrival departure pickup dropoff drop "
    "delivery issue expiry release launch install installation completion submission renewal "
    "return check_in check_out begin".split()
)
#: Heads a list of moments shares ("start and finish time", "open and close dates").
_SHARED_HEADS = frozenset({"date", "time", "day", "year", "at", "on", "datetime", "timestamp"})


def shared_heads(
    fields: list[tuple[str, tuple[str, ...]]],
) -> list[tuple[str, tuple[str, ...]]]:
    """Moments listed before a head they share take it: "start and wrap dates" is start_date
    and wrap_date, "start and finish time" start_time and finish_time (a bare "start" would
    be a text field)."""
    out = list(fields)
    for i in range(len(out) - 2, -1, -1):
        name, choices = out[i]
        head = out[i + 1][0].rsplit("_", 1)
        if not choices and name in _MOMENTS and len(head) == 2 and head[1] in _SHARED_HEADS:
            out[i] = (f"{name}_{head[1]}", choices)
    return out


_AND_OR = frozenset({"and", "or", "&", "/"})


def kinds_sharing_a_head(
    tokens: list[Token], tags: list[str], mentions: list[Mention]
) -> list[tuple[list[int], str, tuple[str, ...]]]:
    """Kinds of one thing joined in a list: "group lessons and private lessons", "group and
    private lessons", "day and night shifts". Each is (the mentions to read as the thing,
    its head word, the kinds): one table named by the head, the kinds values of its type.
    """
    covered = {i for m in mentions for i in range(m.first, m.last + 1)}

    def free_word(i: int) -> bool:
        return i >= 0 and i not in covered and tags[i] in {"NOUN", "ADJ"} and tokens[i].word

    def modifiers(m: Mention) -> list[str]:
        inside = [t.text for t in tokens[m.first : m.last]]
        k = m.first - 1
        before: list[str] = []
        while free_word(k) and len(before) < 2:
            before.insert(0, tokens[k].text)
            k -= 1
        return before + inside

    out: list[tuple[list[int], str, tuple[str, ...]]] = []
    for n, m in enumerate(mentions):
        head = tokens[m.last].base
        mods = modifiers(m)
        if not mods or not tokens[m.last].plural:
            continue
        start = m.first - len(mods) + (m.last - m.first)  # first modifier before the mention
        glue = start - 1
        if glue < 1 or tokens[glue].text not in _AND_OR:
            continue
        prev = next((j for j, p in enumerate(mentions) if p.last == glue - 1), None)
        if prev is not None and tokens[mentions[prev].last].base == head:
            other = modifiers(mentions[prev])  # "group lessons and private lessons"
            if other and other != mods:
                out.append(([prev, n], head, ("_".join(other), "_".join(mods))))
        elif prev is None and free_word(glue - 1) and not tokens[glue - 1].plural:
            # "group and private lessons" ("every two weeks and honey harvests" is no kind)
            out.append(([n], head, (tokens[glue - 1].text, "_".join(mods))))
    return out
