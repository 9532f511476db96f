"""Reading the text itself: parts of speech, noun phrases, and what the sentences relate.

The catalogue knows typical businesses; this module knows English. It tags each word (closed
word classes by list, open ones by the ``lemminflect`` lexicon and the words around them), groups
nouns into phrases ("kennel runs", "charge points", "custody form"), picks the phrases that name
things the business keeps records of, and reads the clauses between them:

* possession and membership: "policyholders own vehicles", "each bus has one driver",
  "registers per store", "an article's revisions", "X belongs to Y", "X taught by Y",
  "X reported against Y", "offers on listings";
* many-to-many verbs between plural things ("students enrol in sections", "alerts linked to
  incidents many-to-many", "a stop can be on more than one route"), read as link tables named
  after the verb (``enrolments``) or after both ends (``route_stops``);
* self-references: "parent sample", "prerequisite courses", "reports to an editor who is also a
  journalist", "recruited by other volunteers";
* attribute lists: "pipe segments (material, diameter, install year)", "each delivery = dropoff
  address, zone, fee", "for each stand we keep area, age and site index".

Everything here is a pure function of the tokens; :mod:`synthdata.analysis.analyze` merges the
result with the catalogue.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from synthdata.analysis.inflection import plural, singular
from synthdata.analysis.text import Token, identifier

__all__ = [
    "FIELD_WORDS",
    "SELF_ROLES",
    "LinkTable",
    "Noun",
    "Reading",
    "SelfRef",
    "TextLink",
    "lexicon",
    "person_word",
    "read",
    "tag",
]

# -- closed word classes ---------------------------------------------------------------------

_DET = frozenset(
    "a an the each every our their its his her my your this these those another any all "
    "some no either both whichever which".split()
)
_PREP = frozenset(
    "of in on at by for from with without into onto to over under between across through "
    "during within against about after before via per upon among including like than "
    "w around near behind beside inside outside toward towards until till along".split()
)
#: Words the lexicon files as nouns too that business text uses as adjectives before a noun.
_ADJ_FIRST = frozenset(
    "local private public national regional international general individual corporate "
    "commercial professional special standard major minor senior junior current final initial "
    "original daily weekly monthly annual yearly quarterly key prime total average maximum "
    "minimum potential executive new old young adult main primary secondary other own various "
    "external internal domestic foreign independent mobile digital physical virtual online "
    "offline live active inactive paid free premium basic full part joint single double".split()
)
_OBJECT_PRONOUNS = frozenset({"them", "us", "him", "her", "me", "you"})
_PARTICLES = frozenset("up out off in down back over on away".split())
_CONJ = frozenset(
    "and or but nor plus so then either versus vs because since although though if unless "
    "whether while whereas".split()
)
_PRON = frozenset(
    "we i you they it he she them us who whom whose what where when whoever everyone everybody "
    "anyone someone something everything nothing itself themselves ourselves there here "
    "one's ones that thats whats theres heres whos lets".split()
)
_AUX = frozenset(
    "is are was were be been being am has have had do does did can could will would should may "
    "might must shall gets get got having need needs wont dont cant doesnt didnt isnt arent "
    "wasnt werent shouldnt wouldnt couldnt hasnt havent".split()
)
_ADV = frozenset(
    "also just only often usually sometimes always never mostly currently too very already "
    "still again later then now even once twice each_other not either instead typically "
    "ever maybe about roughly approximately around nearly almost up down out off away back "
    "first finally separately together daily weekly monthly yearly annually quarterly eg ie "
    "e.g i.e etc viz".split()
)
_QUANT = frozenset(
    "many several multiple various few more most lots lot number numbers couple dozen dozens such "
    "hundreds thousands millions other others same different own single specific certain "
    "individual".split()
)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion k m bn mn half".split()
)
#: Words the lexicon lacks or mis-files, by their part of speech in business text.
_NOUN_OVERRIDES = frozenset(
    "pub pubs signup signups rsvp rsvps checkin checkins walkin walkins addon addons "
    "payout payouts workover workovers timesheet timesheets paystub paystubs playlist "
    "playlists waitlist waitlists lineup lineups setup setups login logins".split()
)

#: Words that never name a table on their own: what a record holds, not a kind of record.
_NOT_TABLES = frozenset(
    "data information detail details management spreadsheet thing stuff way kind type sort lot "
    "number time "
    "year month week day hour minute second date end start part side place area amount total "
    "value level use need process history purpose reason name note notes status people person "
    "everyone anyone member_of_public public business company_itself network world chain "
    "rest majority mix range set list series pair couple dozen bunch log_book "
    "format version_number code price cost rate fee percentage share score grade weight "
    "height length width size age quantity count volume distance duration capacity balance "
    "flag description title comment email phone address city state country region zip "
    "latitude longitude lat long speed heading result outcome severity priority type "
    "sale_price asking_price colour color photo picture image text body content id "
    "reference month_end year_end evening morning afternoon night weekend season_ticket "
    "thing things item_description pre non multi co semi sub ex self hectare tonne ton kg "
    "kilogram gram litre liter gallon mile km kilometre kilometer metre meter acre percent "
    "dollar euro cent row column life fit stat weekday sequence coordinate dimension unit_price "
    "minute_mark whom spring summer autumn winter fortnight data_model schema whiteboard".split()
)
#: Words that name the software or the records in the singular ("a booking app", "our
#: system"), and kinds of records only in the plural ("developers publish apps").
GENERIC_SINGULAR = frozenset(
    "system database record platform app application software tool portal site website "
    "backend frontend service solution".split()
)
#: Words that name records in general, never a kind of record, unless a noun says which
#: ("vaccination records").
_GENERIC_ALONE = frozenset("record entry detail".split())
#: Singular words that, with "a"/"the" and nothing else, name the business, not a table.
_SELF = frozenset(
    "company business firm organization organisation agency startup shop store practice clinic "
    "school team group chain operator association office service platform app marketplace "
    "exchange scheme program programme network backend tool db database system".split()
)

# -- verbs that relate things ----------------------------------------------------------------

#: Verbs whose subject and object pair up many-to-many: their rows are a link table.
_MANY_VERBS = frozenset(
    "enrol enroll attend follow like join subscribe bind feature tag certify register "
    "favourite favorite bookmark rsvp vote endorse sponsor volunteer participate "
    "interact star play_in appear star_in cast perform compete speak contribute".split()
)
#: Verbs by which one thing gathers others that exist on their own ("exhibitions pull objects",
#: "each recipe uses several ingredients"): a link table, unless the others are its parts.
_GATHER_VERBS = frozenset("include list involve use require combine".split())
#: Verbs of carrying: what is carried goes in one carrier at a time ("a trip hauls loads").
_CARRY_VERBS = frozenset("carry haul transport convey tow ship deliver fly ferry load".split())
#: Verbs by which people are put on things in turn ("servers are assigned to sections").
_ROSTER_VERBS = frozenset("assign allocate roster rota schedule".split())
#: The rows of rostering, one each time ("assigned to sections each shift").
_ROSTER_NOUNS = {"assign": "assignment", "allocate": "allocation"}
#: Verbs that tie two kinds of records: many-to-many between plurals ("makers are linked to
#: objects"), a key to one ("cards linked to an account").
_TIE_VERBS = frozenset("link associate".split())
#: Heads of things that exist only as parts of another ("order lines", "route stops").
_PART_WORDS = frozenset(
    "line item entry step stop leg segment row detail component photo image attachment "
    "note comment task part section chapter lesson page".split()
)
#: Verbs ("X verb Y") where X owns the object: the object gets X's key.
_OWNING_PREPS = frozenset({"by"})
#: Verbs by which people put things up for others: each time is a row ("sellers list items":
#: listings, "hosts advertise rooms": adverts), keyed to the person and the thing.
_OFFER_VERBS = {"list": "listing", "advertise": "advert", "auction": "auction"}
#: Nominalizations of link verbs a modeller would name a table after.
_NOUN_OF_VERB = {
    "register": "registration",
    "assign": "assignment",
    "enrol": "enrolment",
    "enroll": "enrollment",
    "attend": "attendance",
    "subscribe": "subscription",
    "certify": "certification",
    "join": "membership",
    "bind": "interaction",
    "interact": "interaction",
    "sign": "signup",
    "rsvp": "rsvp",
    "vote": "vote",
    "follow": "follow",
    "like": "like",
    "sponsor": "sponsorship",
    "participate": "participation",
    "appear": "appearance",
    "cast": "casting",
    "complete": "completion",
}
#: Phrases that say a pairing is many-to-many.
_MANY_CUES = (
    ("many", "to", "many"),
    ("one", "or", "more"),
    ("two", "or", "more"),
    ("more", "than", "one"),
    ("several",),
    ("multiple",),
    ("many",),
    ("various",),
    ("a", "few"),
    ("any", "number", "of"),
    ("lots", "of"),
    ("list", "of"),
    ("programme", "of"),
    ("program", "of"),
    ("selection", "of"),
    ("set", "of"),
    ("series", "of"),
    ("group", "of"),
)
#: Words that make "X ... Y" a self-reference of X, with the role they give the key.
SELF_ROLES = {
    "parent": "parent",
    "prerequisite": "prerequisite",
    "sub": "parent",
    "subcategory": "parent",
    "child": "parent",
    "replacement": "replaced",
    "previous": "previous",
    "predecessor": "previous",
}
#: Verbs common in business text that the lexicon also files as nouns ("rings up sales",
#: "make offers", "takes cash"): verbs unless a determiner or modifier comes before them.
_COMMON_VERBS = frozenset(
    "make take close open ring pay place buy sell get give send ship deliver move post scan "
    "swap split hold set rate submit file ask bid bring drop pick collect enter import export "
    "sign start finish end accept reject approve cancel complete pass fail meet".split()
)
#: Verbs that introduce what the business keeps ("we track orders", "staff log walks").
_KEEPING_VERBS = frozenset(
    "track log record store keep manage list include handle capture hold maintain need want "
    "book sell issue raise run".split()
)
_REPORTS = frozenset({"report", "reports", "reporting", "answer", "answers"})
_AGENT_SUFFIX = {
    "refer": "referrer",
    "recruit": "recruiter",
    "invite": "inviter",
    "sponsor": "sponsor",
    "mentor": "mentor",
    "supervise": "supervisor",
    "manage": "manager",
}


@lru_cache(maxsize=50_000)
def lexicon(word: str) -> frozenset[str]:
    """The open word classes (NOUN, VERB, ADJ, ADV) an English word can be, from lemminflect;
    empty for a word it does not know."""
    from lemminflect import getAllLemmas  # its tables load on first use (~0.15 s)

    return frozenset(k for k in getAllLemmas(word) if k in {"NOUN", "VERB", "ADJ", "ADV"})


#: Short forms people type for nouns a modeller writes out ("vets", "devs", "accts").
ABBREVIATIONS = {
    "vet": "veterinarian",
    "dev": "developer",
    "acct": "account",
    "biz": "business",
    "mgr": "manager",
    "dept": "department",
    "appt": "appointment",
    "qty": "quantity",
    "addr": "address",
    "txn": "transaction",
    "resto": "restaurant",
    "cust": "customer",
    "msg": "message",
    "rep": "representative",
    "admin": "administrator",
    "tech": "technician",
    "ppl": "people",
    "org": "organization",
    "po": "purchase_order",
    "rx": "prescription",
    "dr": "doctor",
    "exch": "exchange",
    "mgmt": "management",
    "db": "database",
    "sys": "system",
    "ops": "operations",
    "info": "information",
    "pkg": "package",
    "amt": "amount",
    "desc": "description",
    "yr": "year",
    "wk": "week",
    "svc": "service",
    "req": "request",
    "spec": "specification",
    "inv": "invoice",
    "prod": "production",
    "emp": "employee",
}
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=4096)
def spelled(word: str) -> str:
    """The English word a longer unknown word is a typo of ("reservatons" → "reservations",
    "analsyts" → "analysts"): the only dictionary word one letter added, swapped or changed
    away that keeps the first letter; the word itself when it may be a word or unsure."""
    if len(word) < 7 or not word.isalpha() or _maybe_word(word):
        return word
    splits = [(word[:i], word[i:]) for i in range(1, len(word) + 1)]
    edits = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    edits |= {a + c + b for a, b in splits for c in _ALPHABET}
    known = [e for e in edits if e != word and e[0] == word[0] and lexicon(e)]
    if not known:
        return word
    # A letter left out is the commonest slip ("withdrawls" is "withdrawals")
    longest = max(len(e) for e in known)
    best = sorted(e for e in known if len(e) == longest)
    return best[0] if len(best) == 1 else word


#: Endings that make nouns of known words ("roastery", "attendees", "viewings", "fermenters").
_DERIVED = ("ings", "ing", "ers", "er", "ors", "or", "ees", "ee", "ery", "eries", "ians", "ian")


def _maybe_word(word: str) -> bool:
    """Whether a word the lexicon lacks may still be a word: its singular is known, or it is
    a known word with a noun-making ending."""
    if lexicon(word) or lexicon(singular(word)):
        return True
    for ending in _DERIVED:
        stem = word.removesuffix(ending)
        if stem != word and len(stem) >= 3 and (lexicon(stem) or lexicon(stem + "e")):
            return True
    return False


def _short_form(token: Token, nxt: Token | None) -> tuple[str, bool] | None:
    """The word a short form stands for and whether it is plural: "mgr" → manager, "drs" →
    doctors, "rx's - each rx ..." → prescriptions (an apostrophe-s on a short form with no
    noun after it makes a plural; "the mgr's office" is a possessive)."""
    if token.base in ABBREVIATIONS:
        owner = nxt is not None and nxt.sentence == token.sentence and _maybe_nominal(nxt)
        return ABBREVIATIONS[token.base], token.plural or (token.possessive and not owner)
    if token.text.endswith("s") and token.text[:-1] in ABBREVIATIONS:
        return ABBREVIATIONS[token.text[:-1]], True
    return None


def normalize(tokens: list[Token]) -> tuple[list[Token], dict[str, str]]:
    """Tokens with typos mended and short forms written out, and what was read as what."""
    out: list[Token] = []
    read_as: dict[str, str] = {}
    for n, token in enumerate(tokens):
        if not token.word or token.proper or token.acronym or len(token.text) < 2:
            out.append(token)
            continue
        text = token.text
        short = _short_form(token, tokens[n + 1] if n + 1 < len(tokens) else None)
        if short is not None:
            full, many = short
            text = plural(full) if many else full
        else:
            text = spelled(text)
        if text == token.text:
            out.append(token)
            continue
        read_as[token.text] = text
        out.append(replace(token, text=text, base=singular(text)))
    return out, read_as


@lru_cache(maxsize=50_000)
def _lemma(word: str, pos: str) -> str:
    from lemminflect import getLemma

    found = getLemma(word, upos=pos)
    return found[0] if found else word


def verb_lemma(word: str) -> str:
    """A verb's lemma ("sells" → "sell")."""
    return _lemma(word, "VERB")


# -- tagging ---------------------------------------------------------------------------------

#: The tags: DET NUM PREP CONJ PRON AUX ADV QUANT PUNCT PROPN NOUN VERB ADJ GER (an -ing word
#: that modifies a noun: "charging sessions").


def tag(tokens: list[Token]) -> list[str]:
    """One coarse part of speech per token."""
    tags = [_closed(t) for t in tokens]
    for i in range(len(tokens)):
        if tokens[i].text == "that":
            tags[i] = _that(tokens, tags, i)
        elif not tags[i]:
            tags[i] = _open(tokens, tags, i)
        elif tokens[i].text in {"lot", "lots"} and (
            i + 1 >= len(tokens) or tokens[i + 1].text != "of"
        ):
            tags[i] = "NOUN"  # "green coffee lots" (but "lots of")
        elif (
            tokens[i].text in {"get", "gets", "got"}
            and i + 1 < len(tokens)
            and _object_follows(tokens, i + 1)
        ):
            tags[i] = "VERB"  # "gets routine inspections" (but "gets assigned")
        elif (
            tokens[i].text == "own"
            and i
            and (tags[i - 1] == "PRON" or (tags[i - 1] == "NOUN" and tokens[i - 1].plural))
        ):
            tags[i] = "VERB"  # "policyholders own vehicles"
        elif (
            tokens[i].text in {"either", "neither", "both"}
            and i
            and tags[i - 1] == "NOUN"
            and tokens[i - 1].plural
            and i + 1 < len(tokens)
            and "VERB" in lexicon(tokens[i + 1].text)
        ):
            tags[i] = "ADV"  # "drivers either pay per visit or hold a permit"
    for i in range(1, len(tokens) - 1):
        if (
            tags[i] == "VERB"
            and tokens[i - 1].text == ","
            and tokens[i + 1].text in {",", "and", "or"}
            and (tags[i - 2] == "NOUN" if i >= 2 else False)
            and ("NOUN" in lexicon(tokens[i].text) or tokens[i].text.endswith("s"))
        ):
            tags[i] = "NOUN"  # "minutes, points, assists, steals and turnovers"
    _mend_verbs(tokens, tags)
    for i in range(1, len(tokens) - 2):
        if _compound_subject(tokens, tags, i):
            tags[i] = "NOUN"
    for i in range(1, len(tokens) - 1):
        if tags[i] == "VERB" and _named_as_noun(tokens, i):
            tags[i] = "NOUN"
        elif tags[i] == "NOUN" and _verb_of_a_clause(tokens, tags, i):
            tags[i] = "VERB"
    for i in range(2, len(tokens) - 1):
        if _coordinated_verb(tokens, tags, i) or _series_of_modal_verbs(tokens, tags, i):
            tags[i] = "VERB"
    for i in range(1, len(tokens) - 2):
        if _paired_participle(tokens, tags, i):
            tags[i] = "VERB"
    return tags


def _verb_of_a_clause(tokens: list[Token], tags: list[str], i: int) -> bool:
    """Whether an -s word after a clause's singular subject is its verb ("trade-ins where a
    customer brings in used games", "when a member books a court")."""
    if i < 2 or _verb_form(tokens[i].text) != "s" or "VERB" not in lexicon(tokens[i].text):
        return False
    k = i - 1
    if tags[k] != "NOUN" or tokens[k].plural:
        return False
    if tokens[k - 1].text in {"a", "an", "the", "each", "every"}:
        k -= 1
    nxt = tokens[i + 1].text
    return (
        k >= 1
        and tokens[k - 1].text in {"where", "when", "whenever", "if", "once"}
        and (nxt in _PREP or nxt in _DET or nxt in _PARTICLES)
    )


def _named_as_noun(tokens: list[Token], i: int) -> bool:
    """Whether a word read as a verb is a noun by the word before or after it: after "every",
    "each", "a", "an" or "the" ("we record the result of every game"), or a plural naming a
    table ("the installs table will be big")."""
    token, prev, nxt = tokens[i], tokens[i - 1], tokens[i + 1]
    if prev.sentence != token.sentence or _verb_form(token.text) == "ed":
        return False
    if prev.text == "each" and _participle(token.text):
        return False  # "three warehouses, each split into bins"
    if prev.text in {"every", "each", "a", "an", "the"}:
        return not token.text.endswith("ing")
    return token.plural and nxt.text == "table" and nxt.sentence == token.sentence


def _compound_subject(tokens: list[Token], tags: list[str], i: int) -> bool:
    """Whether an -s word read as a verb is the plural head of the noun phrase opening its
    sentence, because a plain verb with its object follows ("Test drives record which customer
    drove", "Site visits capture the readings"): the subject's verb is the second word."""
    token, nxt = tokens[i], tokens[i + 1]
    if tags[i] != "VERB" or tags[i + 1] != "VERB" or not token.plural:
        return False
    if _verb_form(token.text) != "s" or "NOUN" not in lexicon(singular(token.text)):
        return False
    if _verb_form(nxt.text) != "base" or nxt.sentence != token.sentence:
        return False
    if tags[i + 2] not in {"DET", "NUM", "QUANT"} and tokens[i + 2].text not in _WH:
        return False
    k = i - 1
    while k >= 0 and tokens[k].sentence == token.sentence and tags[k] in {"NOUN", "ADJ"}:
        k -= 1
    opens = k < 0 or tokens[k].sentence != token.sentence
    return opens and k < i - 1 and tags[i - 1] == "NOUN" and not tokens[i - 1].plural


def _verb_form(word: str) -> str:
    """The inflection of a word read as a verb: base, s, ing or ed ("ed" for any past form)."""
    lemma = _lemma(word, "VERB")
    if lemma == word:
        return "base"
    if word.endswith("ing"):
        return "ing"
    if word.endswith("s"):
        return "s"
    return "ed"


def _can_be_verb(token: Token) -> bool:
    return token.word and not token.proper and "VERB" in lexicon(token.text)


#: Words after which "to" opens an infinitive, not a place ("we need to flag breaches").
_TO_INFINITIVE = frozenset(
    "need needs needed want wants wanted have has had able going try tries trying plan plans "
    "hope wish order used allow allows let lets how".split()
)
_BE = frozenset({"is", "are", "was", "were", "am", "be", "been", "being"})


def _mend_verbs(tokens: list[Token], tags: list[str]) -> None:
    """Verbs the word-by-word tagger read as nouns, mended from the words around them:
    two words joined by "and"/"or"/"/" in the same form where one is a verb ("triage and group
    alerts", "each dose given or refused", "debiting or crediting one account"); a verb after
    "need to"/"want to" ("we need to flag breaches"); an -ing word after a form of "be" ("we're
    always juggling features"); a verb after "which"/"who" with a particle ("which adds up");
    and a verb coordinated with the verb of a pronoun subject ("we run events and track RSVPs").
    """
    n = len(tokens)
    _nouns_after_be(tokens, tags)
    for i in range(1, n - 1):  # "that sort of thing": a demonstrative, not a relative
        if (
            tokens[i - 1].text == "that"
            and tokens[i + 1].text == "of"
            and tags[i] == "VERB"
            and "NOUN" in lexicon(tokens[i].text)
        ):
            tags[i - 1], tags[i] = "DET", "NOUN"
    for i in range(n):
        token = tokens[i]
        if tags[i] == "VERB" or not _can_be_verb(token):
            continue
        same = [j for j in (i - 2, i + 2) if 0 <= j < n and tokens[j].sentence == token.sentence]
        for j in same:
            glue = tokens[(i + j) // 2].text
            if (
                glue in {"and", "or", "/"}
                and tags[j] == "VERB"
                and _verb_form(tokens[j].text) == _verb_form(token.text)
                and (j < i or tags[i] not in {"DET"})
                and not (j < i and token.plural and _verb_form(token.text) != "s")
                and (_verb_form(token.text) in {"ing", "ed"} or _object_after(tokens, max(i, j)))
            ):
                tags[i] = "VERB"
                break
        if tags[i] == "VERB":
            continue
        if (
            2 <= i < n - 1
            and tokens[i - 2].text == "which"
            and tokens[i + 1].text == "which"
            and tags[i - 1] == "NOUN"
        ):
            tags[i] = "VERB"  # "which customer drove which vehicle"
            continue
        prev = tokens[i - 1].text if i else ""
        if (
            prev == "to"
            and i >= 2
            and tokens[i - 2].text in _TO_INFINITIVE
            and _verb_form(token.text) == "base"
        ):
            tags[i] = "VERB"  # "we need to flag breaches"
            continue
        k = i - 1
        while k >= 0 and tags[k] == "ADV":
            k -= 1
        if token.text.endswith("ing") and k >= 0 and tokens[k].text in _BE and tags[k] == "AUX":
            tags[i] = "VERB"  # "we're always juggling features"
            continue
        nxt = tokens[i + 1].text if i + 1 < n else ""
        if prev in {"which", "who"} and nxt in _PARTICLES and _verb_form(token.text) == "s":
            tags[i] = "VERB"  # "which adds up to"
            continue
        if (
            prev == "and"
            and _verb_form(token.text) == "base"
            and _continues_clause(tokens, tags, i)
        ):
            tags[i] = "VERB"  # "we run events and track RSVPs"
            continue
        if _second_verb_of_one(tokens, tags, i):
            tags[i] = "VERB"  # "each employee works in one team and reports to a lead"
            continue
        if (
            prev in {"each", "every"}
            and i >= 2
            and tokens[i - 2].text == ","
            and _participle(token.text)
            and nxt in _PREP
        ):
            tags[i] = "VERB"  # "three warehouses, each split into bins"
    _participles_in_lists(tokens, tags)
    _plurals_in_brackets(tokens, tags)


def _second_verb_of_one(tokens: list[Token], tags: list[str], i: int) -> bool:
    """Whether an -s word after "and" is a second verb of a singular subject whose first verb
    has the same form ("each policy belongs to one holder and covers one property"), or the
    verb after "each of the <plural>" ("each of our routes serves a sequence of stops")."""
    token = tokens[i]
    if _verb_form(token.text) != "s" or i + 1 >= len(tokens):
        return False
    if tags[i + 1] not in {"DET", "NUM", "QUANT", "PREP", "ADV"}:
        return False
    if tokens[i - 1].text == "and":
        return any(
            tags[j] == "VERB" and _verb_form(tokens[j].text) == "s"
            for j in range(max(0, i - 12), i - 1)
            if tokens[j].sentence == token.sentence
        )
    words = [t.text for t in tokens[max(0, i - 5) : i - 1]]
    plural_before = tags[i - 1] in {"VERB", "NOUN"} and tokens[i - 1].plural
    if plural_before and _contains(words, ("each", "of")):
        tags[i - 1] = "NOUN"  # "routes" is the noun "each of our" counts
        return True
    return False


def _plurals_in_brackets(tokens: list[Token], tags: list[str]) -> None:
    """A plural that can be a noun, closing an item of a bracketed list, is a noun: "(meds
    prompts, personal care, meals)" (no verb in a list of examples)."""
    depth = 0
    for i, token in enumerate(tokens):
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif (
            depth
            and tags[i] == "VERB"
            and token.text.endswith("s")
            and "NOUN" in lexicon(token.text) | lexicon(singular(token.text))
            and i + 1 < len(tokens)
            and tokens[i + 1].text in {",", ")"}
            and tags[i - 1] in {"NOUN", "ADJ"}
        ):
            tags[i] = "NOUN"


def _participles_in_lists(tokens: list[Token], tags: list[str]) -> None:
    """A participle that opens a list item before its noun describes the noun: "(appeals,
    sponsored runs, raffles)" (a kind of run, not a verb)."""
    for i in range(1, len(tokens) - 2):
        if tags[i] != "VERB" or tokens[i - 1].text not in {",", "("}:
            continue
        if _verb_form(tokens[i].text) != "ed" and not _participle(tokens[i].text):
            continue
        if tags[i + 1] == "NOUN" and tokens[i + 2].text in {",", ")", "and", "or"}:
            tags[i] = "ADJ"


#: Verbs whose past participle is their base form ("is run by", "each split into").
_SAME_PARTICIPLES = frozenset(
    "run set put cut hit let shut cost spread split read hurt bet quit burst cast broadcast "
    "forecast upset shed rid bid".split()
)


@lru_cache(maxsize=4096)
def _participle(word: str) -> bool:
    """Whether a word may be the past participle of a verb ("run", "set", "held", "given")."""
    return word in _SAME_PARTICIPLES or _verb_form(word) == "ed"


def _nouns_after_be(tokens: list[Token], tags: list[str]) -> None:
    """A word after "is"/"are" (and adverbs) that can be a noun, and that is not a participle
    or -ing form, is a noun: "which are samples", "who is also staff" (a finite verb never
    follows "be")."""
    for i in range(1, len(tokens)):
        if tags[i] != "VERB" or "NOUN" not in lexicon(tokens[i].text):
            continue
        if _verb_form(tokens[i].text) in {"ing", "ed"} or _participle(tokens[i].text):
            continue  # "is logged", "is run by"
        k = i - 1
        while k >= 0 and tags[k] == "ADV":
            k -= 1
        if k >= 0 and tokens[k].text in {"is", "are", "am"} and tags[k] == "AUX":
            tags[i] = "NOUN"


def _object_after(tokens: list[Token], i: int) -> bool:
    """Whether an object follows the word at ``i``: a determiner, pronoun or noun."""
    if i + 1 >= len(tokens) or tokens[i + 1].sentence != tokens[i].sentence:
        return False
    nxt = tokens[i + 1]
    return nxt.text in _DET | _QUANT | _OBJECT_PRONOUNS | {"it"} or _maybe_nominal(nxt)


def _continues_clause(tokens: list[Token], tags: list[str], i: int) -> bool:
    """Whether the base-form word at ``i``, after "and", continues the clause of a verb in the
    base form whose subject is a pronoun, with only its object between ("we run events (town
    halls, fundraisers) and track RSVPs"), and an object follows it."""
    if i + 1 >= len(tokens) or not (
        tags[i + 1] in {"DET", "QUANT", "NUM", "NOUN", "ADJ", "PROPN"}
        or _maybe_nominal(tokens[i + 1])
    ):
        return False
    k = i - 2
    depth = 0
    while k >= 0 and tokens[k].sentence == tokens[i].sentence:
        text = tokens[k].text
        if text == ")":
            depth += 1
        elif text == "(":
            depth -= 1
        elif depth == 0 and tags[k] == "VERB":
            break
        elif depth == 0 and (
            text in {";", ":", ",", "and", "or"} or tags[k] not in {"NOUN", "ADJ", "GER", "DET"}
        ):
            return False
        k -= 1
    else:
        return False
    if k < 0 or _verb_form(tokens[k].text) != "base":
        return False
    s = k - 1
    while s >= 0 and tags[s] in {"ADV", "AUX"}:
        s -= 1
    return s >= 0 and tags[s] == "PRON" and tokens[s].text not in {"that", "which", "who"}


def _paired_participle(tokens: list[Token], tags: list[str], i: int) -> bool:
    """Whether a word read as a noun after a noun is a participle joined to another ("each
    dose given or refused", "items sold or returned"): both describe the noun's rows."""
    token, glue, other = tokens[i], tokens[i + 1], tokens[i + 2]
    if tags[i] != "NOUN" or tags[i - 1] != "NOUN" or glue.text not in {"or", "and"}:
        return False
    if tags[i + 2] != "VERB" or not other.text.endswith(("ed", "en")):
        return False
    return (
        token.text.endswith(("ed", "en"))
        and "VERB" in lexicon(token.text)
        and (_lemma(token.text, "VERB") != token.text)
    )


def _that(tokens: list[Token], tags: list[str], i: int) -> str:
    """ "that" opens a clause ("updates that backers comment on", "a request that has to be
    approved"), unless it comes before one thing after a verb, a preposition or a comma ("on
    that day")."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    prev = tags[i - 1] if i else "START"
    if (
        nxt is not None
        and nxt.word
        and not nxt.plural
        and not _closed(nxt)
        and prev in {"VERB", "PREP", "START", "PUNCT", "CONJ"}
    ):
        return "DET"  # "on that day", "meals, that sort of thing"
    return "PRON"


_VERB_GLUE = frozenset({"and", "or", "+", "/", "&"})
#: Words that open what a verb reports ("records whether", "shows what", "logs when").
_WH = frozenset({"whether", "what", "how", "when", "which", "who", "where"})


def _coordinated_verb(tokens: list[Token], tags: list[str], i: int) -> bool:
    """Whether a word read as a noun is a second verb joined to a verb before it, in the same
    form, with an object after it ("inspectors install and review meters", "users install +
    purchase apps", "vets examine and vaccinate animals")."""
    verb, glue, token, nxt = tokens[i - 2], tokens[i - 1], tokens[i], tokens[i + 1]
    if tags[i] != "NOUN" or tags[i - 2] != "VERB" or glue.text not in _VERB_GLUE:
        return False
    if token.sentence != verb.sentence or "VERB" not in lexicon(token.text):
        return False
    if verb.text.endswith(("ed", "ing")) or token.text.endswith(("ed", "ing")):
        return False
    base = _lemma(token.text, "VERB") == token.text
    if base != (_lemma(verb.text, "VERB") == verb.text) or token.text.endswith("s") != (
        verb.text.endswith("s")
    ):
        return False
    return nxt.text in _DET or nxt.text == "(" or (tags[i + 1] in {"NOUN", "ADJ", "NUM"})


_MODAL_AUX = frozenset("can could may might must will would should".split())


def _series_of_modal_verbs(tokens: list[Token], tags: list[str], i: int) -> bool:
    """Whether a base-form word read as a noun is the next verb in a series after a modal
    ("users can rate a recipe out of five, leave a written review and save recipes"): after
    a comma or "and"/"or", with an object after it, the clause's last verb in the base form
    after "can"."""
    token, glue, nxt = tokens[i], tokens[i - 1], tokens[i + 1]
    if tags[i] != "NOUN" or glue.text not in {",", "and", "or"} or token.plural:
        return False
    if "VERB" not in lexicon(token.text) or _lemma(token.text, "VERB") != token.text:
        return False
    if nxt.sentence != token.sentence:
        return False
    if not (nxt.text in _DET or (glue.text != "," and tags[i + 1] == "NOUN" and nxt.plural)):
        return False
    verbs = 0
    for k in range(i - 2, -1, -1):  # back through the series to its modal
        if tokens[k].sentence != token.sentence:
            return False
        if tokens[k].text in _MODAL_AUX:
            return verbs > 0
        if tags[k] == "VERB":
            if _verb_form(tokens[k].text) != "base":
                return False
            verbs += 1
        elif tags[k] in {"AUX", "PRON"} or tokens[k].text in {";", ":", "("}:
            return False
    return False


def _closed(token: Token) -> str:
    text = token.text
    if not token.word:
        return "NUM" if text[0].isdigit() else "PUNCT"
    if text in _NUMBER_WORDS:
        return "NUM"
    for tag_, words in (
        ("DET", _DET),
        ("PREP", _PREP),
        ("CONJ", _CONJ),
        ("PRON", _PRON),
        ("AUX", _AUX),
        ("QUANT", _QUANT),
        ("ADV", _ADV),
    ):
        if text in words:
            return tag_
    if text in _NOUN_OVERRIDES:
        return "NOUN"
    return ""


def _open(tokens: list[Token], tags: list[str], i: int) -> str:
    token = tokens[i]
    text = token.text
    if token.proper and not token.acronym:
        return "PROPN"
    if token.acronym:
        return "NOUN"
    classes = lexicon(text)
    prev = tags[i - 1] if i and tokens[i - 1].sentence == token.sentence else "START"
    nxt = (
        tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].sentence == token.sentence else None
    )
    next_nominal = nxt is not None and nxt.word and _maybe_nominal(nxt)
    if not classes:
        if text.endswith("ly"):
            return "ADV"
        if text.endswith("ed") and len(text) > 4 and prev in {"AUX", "PRON", "NOUN"}:
            return "VERB"
        if prev == "NOUN" and tokens[i - 1].plural and not token.plural and next_nominal:
            return "VERB"  # "devs publsh apps": a misspelt verb between two plurals
        return "NOUN"
    if prev == "PREP" and tokens[i - 1].text == "of" and token.plural and not text.endswith("ing"):
        return "NOUN"  # "every truckload of logs": no verb comes right after "of"
    if (
        prev == "VERB"
        and token.plural
        and not text.endswith("ing")
        and ("NOUN" in classes or "NOUN" in lexicon(singular(text)))
    ):
        return "NOUN"  # "place bids on them", "sells tins to subscribers": the verb's object
    if (
        "VERB" in classes
        and _lemma(text, "VERB") in _KEEPING_VERBS | _COMMON_VERBS
        and prev not in {"DET", "ADJ", "NUM", "QUANT", "GER"}
        and not (prev == "NOUN" and not tokens[i - 1].plural)
        and not (prev == "PREP" and tokens[i - 1].text != "to" and "NOUN" in classes)
        and not (prev == "PREP" and text.endswith("ed"))  # "to approved suppliers"
        and nxt is not None
        and (nxt.text in _DET | _PARTICLES | _QUANT or next_nominal or nxt.text[0].isdigit())
        and not (prev == "NOUN" and text.endswith("s") and not _determined(tokens, tags, i - 1))
    ):
        return "VERB"  # "and record regauges", "staff log walks"
    if "VERB" in classes and nxt is not None and nxt.text in _OBJECT_PRONOUNS:
        return "VERB"  # "roast them in batches"
    if text.endswith("ing") and "VERB" in classes:
        if prev in {"DET", "ADJ", "NUM", "QUANT", "GER"} or (next_nominal and prev != "NOUN"):
            return "GER" if next_nominal else "NOUN"
        if (
            "NOUN" in classes
            and (token.plural or prev in {"DET", "ADJ"})
            and (nxt is None or not nxt.word or nxt.text in _PREP | _CONJ)
        ):
            return "NOUN"  # "bookings", "a listing,"
        return "VERB"
    if len(classes) == 1:
        only = next(iter(classes))
        if (
            only == "VERB"
            and prev == "NOUN"
            and token.plural
            and not (nxt is not None and (nxt.text in _DET or _maybe_nominal(nxt)))
            and not _determined(tokens, tags, i - 1)
            and not _opens_sentence(tokens, tags, i - 1)
        ):
            return "NOUN"  # "care logs", "walks per dog" (not "each machine logs cycles")
        if (
            only == "VERB"
            and prev in {"DET", "ADJ", "NUM", "QUANT"}
            and not text.endswith(("ed", "en", "ing"))
        ):
            return "NOUN"  # "a log", "the run"
        if (
            only == "VERB"
            and text.endswith(("ed", "en"))
            and prev in {"DET", "ADJ", "PREP", "QUANT", "NUM"}
            and next_nominal
        ):
            return "ADJ"  # "the assigned analyst", "to approved suppliers", "multiple saved cards"
        return only
    if prev in {"DET", "ADJ", "NUM", "QUANT", "GER"}:
        if "NOUN" in classes and not _surely_nominal(nxt):
            return "NOUN"
        return "ADJ" if "ADJ" in classes else "NOUN"
    if "VERB" in classes:
        base = _lemma(text, "VERB") == text
        if (
            prev == "AUX"
            and tokens[i - 1].text in {"has", "have", "had", "having"}
            and "NOUN" in classes
            and not text.endswith(("ed", "en"))
        ):
            return "NOUN"  # "apps have versions"
        if (
            prev == "AUX"
            and tokens[i - 1].text in {"need", "needs", "want", "wants"}
            and "NOUN" in classes
            and base
            and next_nominal
        ):
            return "NOUN"  # "we need tee time bookings": a noun phrase, what is needed
        modifier = (
            "NOUN" in classes
            and nxt is not None
            and nxt.plural
            and _maybe_nominal(nxt)
            and _lemma(text, "VERB") not in _KEEPING_VERBS | _COMMON_VERBS
        )
        if prev in {"PRON", "AUX", "ADV"} or (
            prev == "PREP" and tokens[i - 1].text == "to" and base and not modifier
        ):
            return "VERB"  # (but "rents slots to boat owners", "delivered to garden centres")
        if prev == "NOUN" and tokens[i - 1].plural and base and not token.plural:
            return "VERB"  # "owners book stays", "customers create keys"
        if (
            prev == "NOUN"
            and text.endswith("s")
            and not tokens[i - 1].plural
            and nxt is not None
            and (
                nxt.text in _DET | _PREP | _PARTICLES | _NUMBER_WORDS | _QUANT | _WH
                or _maybe_nominal(nxt)
                or nxt.text[0].isdigit()
            )
            and (_determined(tokens, tags, i - 1) or _opens_sentence(tokens, tags, i - 1))
        ):
            return "VERB"  # "each recipe lists ingredients", "each visit records whether"
        if prev == "START" and nxt is not None and nxt.text in _DET and not token.plural:
            return "VERB"  # "Track every order"
    if text in _ADJ_FIRST and nxt is not None and _maybe_nominal(nxt) and not token.plural:
        return "ADJ"  # "local rinks", "private owners"
    if "NOUN" in classes:
        return "NOUN"
    if "ADJ" in classes:
        return "ADJ"
    return next(iter(sorted(classes)))


def _object_follows(tokens: list[Token], j: int) -> bool:
    """Whether a noun phrase starts at ``j``, past adverbs ("gets weekly inspections"), and not a
    participle ("gets assigned")."""
    while j < len(tokens) and tokens[j].text in _ADV:
        j += 1
    if j >= len(tokens) or tokens[j].text.endswith("ed"):
        return False
    return tokens[j].text in _DET or _maybe_nominal(tokens[j])


def _surely_nominal(token: Token | None) -> bool:
    """A word that can only be a noun or adjective (or one the lexicon does not know)."""
    if token is None or not token.word or _closed(token):
        return False
    if token.proper and not token.acronym:
        return False
    return not lexicon(token.text) & {"VERB", "ADV"}


def _maybe_nominal(token: Token) -> bool:
    if not token.word or (token.proper and not token.acronym):
        return False
    if _closed(token):
        return token.text in _NOUN_OVERRIDES
    classes = lexicon(token.text)
    return not classes or bool(classes & {"NOUN", "ADJ"})


def _opens_sentence(tokens: list[Token], tags: list[str], j: int) -> bool:
    """Whether the noun at ``j`` ends a phrase that opens its sentence."""
    k = j
    while k >= 0 and j - k < 4 and tags[k] in {"NOUN", "ADJ", "GER"}:
        if k == 0 or tokens[k - 1].sentence != tokens[k].sentence:
            return True
        k -= 1
    return False


def _determined(tokens: list[Token], tags: list[str], j: int) -> bool:
    """Whether the noun at ``j`` is the end of a phrase opened by a determiner."""
    k = j
    while k >= 0 and j - k < 4 and tags[k] in {"NOUN", "ADJ", "GER"}:
        k -= 1
    return k >= 0 and tags[k] == "DET" and tokens[k].sentence == tokens[j].sentence


# -- noun phrases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Noun:
    """A noun phrase: ``key`` is its singular snake_case name (``kennel_run``)."""

    key: str
    first: int
    last: int
    plural: bool
    lead: str
    example: bool
    attribute_like: bool = False

    @property
    def head(self) -> str:
        return self.key.rsplit("_", 1)[-1]


_EXAMPLE_LEADS = frozenset({"like", "eg", "e.g", "including", "incl", "such"})
_ONE_LEADS = frozenset({"each", "every", "a", "an", "one", "per", "any", "the", "its", "their"})


def noun_phrases(tokens: list[Token], tags: list[str]) -> list[Noun]:
    """Every noun phrase: modifiers and nouns ending in a noun, within a sentence; a plural noun
    ends its phrase. The name keeps the head and up to two nouns before it."""
    from synthdata.analysis.naming import field_from_name  # naming imports the schema layer
    from synthdata.schema import FieldType

    out: list[Noun] = []
    examples = _example_spans(tokens, tags)
    nominal = {"NOUN", "ADJ", "GER"}
    i, n = 0, len(tokens)
    while i < n:
        if tags[i] not in nominal:
            i += 1
            continue
        j = i
        while (
            j + 1 < n
            and tags[j + 1] in nominal
            and tokens[j + 1].sentence == tokens[i].sentence
            and not (tags[j] == "NOUN" and tokens[j].plural)
            and not tokens[j].possessive
        ):
            j += 1
        last = j
        while last >= i and tags[last] != "NOUN":
            last -= 1
        if last >= i:
            first = last
            while first - 1 >= i and tags[first - 1] in {"NOUN", "GER"} and last - first < 2:
                first -= 1
            if i == 0 and tokens[last].plural and last - first >= 1:
                first = last  # "animal shelter adoptions": the business, then its records
            key = identifier("_".join(tokens[k].base for k in range(first, last + 1)))
            before = i - 1
            lead = ""
            if before >= 0 and tokens[before].sentence == tokens[i].sentence:
                lead = tokens[before].text
                if tags[before] in {"NUM", "QUANT"}:
                    lead = "many" if lead not in {"one", "single", "a"} else "one"
            kind = field_from_name(key).type
            attribute = kind is not FieldType.STRING and kind is not FieldType.ENUM
            out.append(Noun(key, first, last, tokens[last].plural, lead, i in examples, attribute))
        i = j + 1
    return out


def _example_spans(tokens: list[Token], tags: list[str]) -> set[int]:
    """Tokens that give examples or details rather than things: a parenthesis without a verb
    ("(bourbon barrels, sherry butts)"), and a list after "like", "such as", "e.g.", up to the
    end of its parenthesis, clause or sentence."""
    inside: set[int] = set()
    opened: list[int] = []
    example_from: int | None = None
    example_depth = 0
    for i, token in enumerate(tokens):
        if i and tokens[i - 1].sentence != token.sentence:
            opened.clear()
            example_from = None
        if token.text == "(":
            opened.append(i)
            continue
        if token.text == ")":
            if opened:
                start = opened.pop()
                span = range(start + 1, i)
                if not any(tags[k] in {"VERB", "AUX"} for k in span):
                    inside.update(span)
            if example_from is not None and len(opened) < example_depth:
                example_from = None
            continue
        if token.text in _EXAMPLE_LEADS:
            example_from, example_depth = i, len(opened)
            continue
        if example_from is not None and token.text in {":", ";"}:
            example_from = None
        if (
            example_from is not None
            and token.text == ","
            and i + 1 < len(tokens)
            and tokens[i + 1].text in {"and", "we", "so", "which", "then", "but"}
        ):
            example_from = None
        if example_from is not None:
            inside.add(i)
    return inside


# -- the reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TextLink:
    """``child`` holds a key to ``parent``; ``role`` prefixes its name (``pickup``), or, ending
    in ``_``, is the key's whole name before ``id`` (``manager_``: a manager who is one of
    the employees)."""

    child: str
    parent: str
    role: str = ""
    #: Said outright ("each X has a Y", "Y's X", "X of a Y", "X taught by Y") rather than
    #: guessed from a verb or a preposition; only these overrule the catalogue.
    strong: bool = False


@dataclass(frozen=True)
class LinkTable:
    """A many-to-many pairing of ``a`` and ``b``, its table named ``name``."""

    a: str
    b: str
    name: str
    #: ``link``: one row per pairing; ``event``: a row each time it happens ("customers rent
    #: bikes": rentals).
    kind: str = "link"
    #: Fields the text gives the pairing: (name, enum choices) ("with quantities").
    attributes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The text says one may have several of the other, as an exception ("one stay can cover
    #: two dogs", "owned by two or more members"): neither holds a key to the other.
    loose: bool = False
    #: Roles of ``b`` when an event has it twice ("moved between paddocks": from and to).
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class SelfRef:
    """``entity`` points at another row of itself through ``role_<entity>_id`` or ``role_id``."""

    entity: str
    role: str
    link_table: str = ""


@dataclass
class Reading:
    """What the text says: its tags, phrases, things, relations and attributes."""

    tags: list[str]
    nouns: list[Noun]
    #: Keys of the phrases that name kinds of records, with how strongly (plural uses and
    #: "each X" count 1, "a X" half), in text order.
    things: dict[str, float] = field(default_factory=dict)
    #: Tokens of the opening phrase that names the business itself.
    opening: set[int] = field(default_factory=set)
    #: Other spellings and glosses of a thing's key: "employes" → employee, "motoboys
    #: (couriers)" → courier.
    variants: dict[str, str] = field(default_factory=dict)
    #: Keys of acts named by the goods each carries ("every truckload of logs delivered":
    #: log_delivery), rows of events whose goods need no lines.
    carrying: set[str] = field(default_factory=set)
    links: list[TextLink] = field(default_factory=list)
    link_tables: list[LinkTable] = field(default_factory=list)
    self_refs: list[SelfRef] = field(default_factory=list)
    attributes: dict[str, list[str]] = field(default_factory=dict)


def read(tokens: list[Token]) -> Reading:
    """Tag the text, find its noun phrases and the things the business keeps records of."""
    tags = tag(tokens)
    nouns = noun_phrases(tokens, tags)
    opening = _opening(tokens, tags) | _trade_of_the_business(tokens, tags, nouns)
    reading = Reading(tags, nouns, opening=opening)
    votes = _things(tokens, tags, nouns, reading.opening)
    for word, (act, goods) in _measured_acts(tokens, tags, nouns).items():
        if word in votes and act not in votes:
            votes[act] = votes.pop(word)
            reading.variants[word] = act
            reading.carrying.add(act)
            if sum(1 for n in nouns if n.key == goods) == 1:
                votes.pop(goods, None)  # the goods are what each act carries, no table
    for word, gloss in _glosses(tokens, nouns).items():
        if word in votes:
            votes[gloss] = votes.get(gloss, 0.0) + votes.pop(word)
            reading.variants[word] = gloss
    reading.things, misspelt = _merge_misspellings(votes)
    reading.variants.update(misspelt)
    return reading


def _measured_acts(
    tokens: list[Token], tags: list[str], nouns: list[Noun]
) -> dict[str, tuple[str, str]]:
    """A measure of goods named with the act that makes it a row ("every truckload of logs
    delivered", "each bag of coffee sold"): the rows are those acts, named by the goods and the
    act (log_deliveries, coffee_sales), and the goods are what each carries. Maps the measure's
    key to (the act's key, the goods' key)."""
    out = {}
    by_first = {n.first: n for n in nouns}
    for n in nouns:
        if n.plural or n.lead not in {"each", "every"} or n.last + 3 >= len(tokens):
            continue
        goods = by_first.get(n.last + 2)
        if tokens[n.last + 1].text != "of" or goods is None or goods.first != goods.last:
            continue
        v = goods.last + 1
        act = EVENT_NOUNS.get(_lemma(tokens[v].text, "VERB"))
        if tags[v] != "VERB" or _verb_form(tokens[v].text) != "ed" or act is None:
            continue
        if person_word(goods.key) or goods.attribute_like:
            continue
        out[n.key] = (f"{goods.key}_{act}", goods.key)
    return out


def _glosses(tokens: list[Token], nouns: list[Noun]) -> dict[str, str]:
    """A noun explained by one other in parentheses: "motoboys (couriers)", "chamas (self-help
    groups)". The explanation is the name a modeller would use."""
    out = {}
    by_first = {n.first: n for n in nouns}
    for n in nouns:
        i = n.last + 1
        if i + 2 >= len(tokens) or tokens[i].text != "(":
            continue
        inner = by_first.get(i + 1)
        if inner is None or inner.last + 1 >= len(tokens) or tokens[inner.last + 1].text != ")":
            continue
        if n.plural and inner.plural and not inner.attribute_like and inner.key != n.key:
            out[n.key] = inner.key
    return out


def _things(
    tokens: list[Token], tags: list[str], nouns: list[Noun], opening: set[int]
) -> dict[str, float]:
    """Keys of the noun phrases that name kinds of records, in text order."""
    votes: dict[str, float] = {}
    first_verb = next(
        (i for i, t in enumerate(tokens) if tags[i] in {"VERB", "AUX"} or t.sentence > 0),
        len(tokens),
    )
    for noun in nouns:
        slot = noun.head in _SLOT_HEADS and noun.key != noun.head and _booked(tokens, tags, noun)
        if _same_one_in_many(tokens, noun):
            votes[noun.key] = votes.get(noun.key, 0.0) + 1.0
            continue
        if noun.example or (noun.head in _NOT_TABLES and not slot) or noun.key in _NOT_TABLES:
            continue
        if (
            not noun.plural
            and noun.head in GENERIC_SINGULAR
            and noun.lead not in {"each", "every", "per"}  # "each application is scored"
        ) or noun.key in _GENERIC_ALONE:
            continue
        if noun.lead in {"in", "at", "near", "from"} and not lexicon(tokens[noun.last].text):
            continue  # "a courier business in lagos": a place the lexicon does not know
        if noun.first < first_verb and not noun.plural and noun.lead in {"a", "an"}:
            before = tokens[noun.first - 2].text if noun.first >= 2 else ""
            if before in {"for", "of", "at", "in", "by"}:
                continue  # "Core system for a credit union": the business itself
        if len(tokens[noun.last].base) < 3 or in_idiom(tokens, tags, noun):
            continue
        subject = _is_subject(tokens, tags, noun)
        logged = _logged_event(tokens, tags, noun)
        if noun.attribute_like and not subject and not _booked(tokens, tags, noun) and not logged:
            continue
        if not noun.plural and noun.head in _SELF and noun.lead in {"a", "an", "the", "our", ""}:
            continue
        if noun.first in opening:
            continue
        if (
            noun.plural
            or noun.lead in {"each", "every", "per"}
            or _one_per(tokens, tags, noun)
            or logged
        ):
            weight = 1.0
        elif noun.lead in {"a", "an", "one", "any", "which"}:
            weight = 0.5
        elif noun.lead in _ONE_LEADS:
            weight = 0.25
        else:
            weight = 0.0
        votes[noun.key] = votes.get(noun.key, 0.0) + weight
    kept = {key: vote for key, vote in votes.items() if vote >= 0.5}
    return kept


def _same_one_in_many(tokens: list[Token], noun: Noun) -> bool:
    """Whether the text says one and the same X comes up in many others ("the same person can
    show up in many incidents"): X is a record of its own that they share, even where its
    word alone names no table."""
    if noun.plural or noun.first < 2 or tokens[noun.first - 1].text != "same":
        return False
    if tokens[noun.first - 2].text != "the":
        return False
    words = [t.text for t in tokens[noun.last + 1 : noun.last + 9]]
    if "many" not in words and "several" not in words and "multiple" not in words:
        return False
    return person_word(noun.key) or noun.key == "person"


def _logged_event(tokens: list[Token], tags: list[str], noun: Noun) -> bool:
    """Whether a singular event is what someone records or leaves ("a volunteer logs the
    repair", "the nurse records the visit", "leave a written review"): each one is a row,
    though the text names only one. Not a thing's
    own state ("we record its condition")."""
    k = noun.first - 1
    while k >= 0 and (tags[k] == "ADJ" or tokens[k].text in {"a", "an", "the"}):
        k -= 1
    return (
        k >= 0
        and k < noun.first - 1
        and tags[k] == "VERB"
        and _lemma(tokens[k].text, "VERB") in _RECORD_VERBS | _WRITE_VERBS
        and event_noun(noun.head)
    )


#: Verbs by which people leave a record of their own ("leave a written review", "file a
#: complaint", "post a comment").
_WRITE_VERBS = frozenset("leave write post submit file lodge".split())


def _one_per(tokens: list[Token], tags: list[str], noun: Noun) -> bool:
    """Whether a singular noun is said to come one per another thing ("a paystub per
    employee", "a customs declaration per shipment"): rows of their own."""
    i = noun.last + 1
    return (
        i + 1 < len(tokens)
        and tokens[i].text == "per"
        and tags[i + 1] in {"NOUN", "DET", "ADJ"}
        and not noun.attribute_like
    )


#: Nouns that, singular after "in", say how rather than name a record ("in a chosen order",
#: "in bulk", "in person", "in advance").
_IN_IDIOMS = frozenset("order sequence turn bulk person advance stock time total full".split())


def in_idiom(tokens: list[Token], tags: list[str], noun: Noun) -> bool:
    """Whether a singular noun is the head of an idiom "in (a/the ...) order", or a noun after
    "in their own" ("clients in their own homes", "samples in their own right")."""
    if _in_own(tokens, noun):
        return True
    if noun.plural or noun.head not in _IN_IDIOMS:
        return False
    k = noun.first - 1
    while k >= 0 and (tags[k] in {"DET", "ADJ"} or tokens[k].text in {"a", "an", "the"}):
        k -= 1
    return k >= 0 and tokens[k].text == "in"


def _in_own(tokens: list[Token], noun: Noun) -> bool:
    """Whether a noun follows "in/at/on their (its, his, her, our) own": where or how, not a
    record ("cared for in their own homes")."""
    k = noun.first
    return (
        k >= 3
        and tokens[k - 1].text == "own"
        and tokens[k - 2].text in {"their", "its", "his", "her", "our", "your", "my"}
        and tokens[k - 3].text in {"in", "at", "on", "from"}
    )


#: Heads of named slots of time ("tee times", "ice times", "delivery windows").
_SLOT_HEADS = frozenset({"time", "slot", "window", "day", "period"})
#: Verbs whose objects are slots a business hands out, rows of their own even when their name
#: reads as a field ("we book ice times", "members reserve tee times").
_SLOT_VERBS = frozenset("book reserve schedule sell rent offer allocate buy".split())


def _booked(tokens: list[Token], tags: list[str], noun: Noun) -> bool:
    """Whether a plural noun phrase is what a booking verb books ("book ice times at rinks",
    "tee times are reserved"), right before or after it."""
    if not noun.plural:
        return False
    before = [i for i in range(max(0, noun.first - 3), noun.first) if tags[i] == "VERB"]
    if before and _lemma(tokens[before[-1]].text, "VERB") in _SLOT_VERBS:
        return all(
            tags[i] in {"DET", "ADJ", "NUM", "QUANT"} for i in range(before[-1] + 1, noun.first)
        )
    after = noun.last + 1
    if after + 1 < len(tokens) and tokens[after].text in {"are", "get", "can", "is"}:
        nxt = after + 1 + (tokens[after + 1].text == "be")
        return nxt < len(tokens) and _lemma(tokens[nxt].text, "VERB") in _SLOT_VERBS
    return False


def _merge_misspellings(votes: dict[str, float]) -> tuple[dict[str, float], dict[str, str]]:
    """Near-identical keys ("restaurant", "resturant") count as one, under the spelling the
    lexicon knows (else the first). Returns the votes and each merged spelling's key."""
    from difflib import SequenceMatcher

    out: dict[str, float] = {}
    merged: dict[str, str] = {}
    for key, vote in votes.items():
        twin = next(
            (
                k
                for k in out
                if min(len(k), len(key)) >= 6
                and k[0] == key[0]
                and SequenceMatcher(None, k, key).ratio() >= 0.88
            ),
            None,
        )
        if twin is None:
            out[key] = vote
        elif lexicon(key.rsplit("_", 1)[-1]) and not lexicon(twin.rsplit("_", 1)[-1]):
            out[key] = out.pop(twin) + vote  # "employes" then "employee": keep the word
            merged[twin] = key
            merged.update({k: key for k, v in merged.items() if v == twin})
        else:
            out[twin] += vote
            merged[key] = twin
    return out, merged


def _opening(tokens: list[Token], tags: list[str]) -> set[int]:
    """The tokens of an opening phrase that names the business itself ("Contract electronics
    manufacturer doing ...", "Spice growers' cooperative in Kerala"): its words up to the first
    verb, preposition or punctuation, when that phrase ends in a singular noun."""
    start = 1 if tokens and tokens[0].text in {"a", "an", "the", "our", "my"} else 0
    end = start
    while end < len(tokens) and (
        tags[end] in {"NOUN", "ADJ", "GER", "PROPN", "NUM", "QUANT"}
        or (tags[end] == "VERB" and tokens[end].text.endswith("ing") and end > start)
    ):
        if tokens[end].sentence != tokens[0].sentence:
            break
        end += 1
    business = _business_phrases(tokens, tags)
    if end == start or tags[end - 1] not in {"NOUN", "PROPN"}:
        return business
    if tokens[end - 1].plural and tokens[end - 1].base not in _BUSINESS_PLURALS:
        return business
    return business | set(range(end))


def _trade_of_the_business(tokens: list[Token], tags: list[str], nouns: list[Noun]) -> set[int]:
    """What an opening fragment says the business trades in, named nowhere else: "Freight
    forwarder handling imports.", "Estate agency in Dublin selling homes." (the trade, not a
    table; "Car park operator running 18 car parks. ... a specific car park" keeps them)."""
    first = [i for i, t in enumerate(tokens) if t.sentence == 0]
    if not first or first[-1] + 1 >= len(tokens) or any(tags[i] in {"AUX", "PRON"} for i in first):
        return set()  # a text of one sentence names its tables there
    verbs = [i for i in first if tags[i] == "VERB"]
    if len(verbs) != 1 or not tokens[verbs[0]].text.endswith("ing"):
        return set()
    v = verbs[0]
    if v == 0 or tags[v - 1] not in {"NOUN", "PROPN"}:
        return set()
    later = {t.base for t in tokens if t.sentence > 0 and t.word}
    out: set[int] = set()
    for noun in nouns:
        if noun.first > v and tokens[noun.last].sentence == 0:
            if tokens[noun.last].base in later:
                continue
            out.update(range(noun.first, noun.last + 1))
    return out


#: Words before "a"/"an" that introduce the business the first sentence is about ("software
#: for a police department", "we're a small CRO", "I work for a terminal operator").
_BUSINESS_LEADS = frozenset({"for", "were", "am", "im", "run", "own"})


def _business_phrases(tokens: list[Token], tags: list[str]) -> set[int]:
    """The tokens of a singular noun phrase in the first sentence that names the business
    itself after "for a", "we're a", "I run a" ("ledger for a mid-sized wholesaler")."""
    out: set[int] = set()
    first = tokens[0].sentence if tokens else 0
    for i in range(1, len(tokens) - 1):
        if tokens[i].sentence != first:
            break
        if tokens[i].text not in {"a", "an"} or tokens[i - 1].text not in _BUSINESS_LEADS:
            continue
        end = i + 1
        while (
            end < len(tokens)
            and tokens[end].sentence == first
            and tags[end] in {"NOUN", "ADJ", "GER", "PROPN", "NUM"}
        ):
            end += 1
            if tokens[end - 1].plural:
                break
        if end > i + 1 and tags[end - 1] in {"NOUN", "PROPN"} and not tokens[end - 1].plural:
            out.update(range(i + 1, end))
    return out


#: Plural words that name a line of business when they open the text ("Financial services
#: with ...", "Telematics platform"), not a table.
_BUSINESS_PLURALS = frozenset(
    "service solution operation analytic electronic telematic logistic good utility".split()
)


def _is_subject(tokens: list[Token], tags: list[str], noun: Noun) -> bool:
    nxt = noun.last + 1
    return (
        nxt < len(tokens)
        and tokens[nxt].sentence == tokens[noun.last].sentence
        and tags[nxt] in {"VERB", "AUX"}
    )


def link_name(verb: str, a: str, b: str) -> str:
    """A link table's name: the verb's noun when English has one (``enrolments``), both ends
    and a generic noun (``chemical_protein_interactions``), else both ends (``route_stops``)."""
    noun = _NOUN_OF_VERB.get(verb)
    if noun in _GENERIC_LINK_NOUNS:
        return f"{a}_{b}_{plural(noun)}"
    if noun:
        return plural(noun)
    return f"{a}_{plural(b.rsplit('_', 1)[-1]) if b.startswith(a) else plural(b)}"


_GENERIC_LINK_NOUNS = frozenset({"interaction", "association", "relationship", "link"})
#: Verbs of business events: each time one happens is a row of its own table, keyed to who
#: does it and to what ("customers rent bikes": rentals; "kegs are shipped to pubs": shipments).
EVENT_NOUNS = {
    "ship": "shipment",
    "deliver": "delivery",
    "rent": "rental",
    "hire": "hire",
    "book": "booking",
    "reserve": "reservation",
    "borrow": "loan",
    "lend": "loan",
    "loan": "loan",
    "pay": "payment",
    "donate": "donation",
    "purchase": "purchase",
    "buy": "purchase",
    "sell": "sale",
    "transfer": "transfer",
    "visit": "visit",
    "inspect": "inspection",
    "assess": "assessment",
    "review": "review",
    "rate": "rating",
    "order": "order",
    "adopt": "adoption",
    "foster": "foster_placement",
    "apply": "application",
    "vaccinate": "vaccination",
    "treat": "treatment",
    "prescribe": "prescription",
    "examine": "examination",
    "audit": "audit",
    "repair": "repair",
    "redeem": "redemption",
    "refund": "refund",
    "bid": "bid",
    "vote": "vote",
    "weigh": "weighing",
    "harvest": "harvest",
    "milk": "milking",
    "stream": "stream",
    "download": "download",
    "attend": "attendance",
    "register": "registration",
    "subscribe": "subscription",
    "enrol": "enrolment",
    "enroll": "enrollment",
    "install": "installation",
    "pledge": "pledge",
    "refer": "referral",
    "admit": "admission",
    "discharge": "discharge",
    "dispatch": "dispatch",
    "return": "return",
    "exchange": "exchange",
    "nominate": "nomination",
    "allocate": "allocation",
    "deposit": "deposit",
    "withdraw": "withdrawal",
    "recommend": "recommendation",
    "swap": "swap",
    "tow": "tow",
    "enter": "entry",
    "invoice": "invoice",
    "translate": "translation",
    "escalate": "escalation",
    "comment": "comment",
}


def singular_key(text: str) -> str:
    return identifier(singular(text))


# -- relations -------------------------------------------------------------------------------

_LIST_GLUE = frozenset(
    {",", "and", "or", "/", "plus", "+", "a", "an", "the", "their", "our", "its"}
)
_CLAUSE_BREAK = frozenset(
    {
        "which",
        "who",
        "that",
        "so",
        "because",
        "while",
        "when",
        "where",
        "but",
        "until",
        "then",
        "whether",
    }
)
_BELONG_VERBS = frozenset(
    "belong sit live work meet attach link assign place tie base locate house store park hang "
    "allocate charge bill file report raise log record issue register run cover".split()
)
_HAVE = frozenset(
    {
        "has",
        "have",
        "having",
        "with",
        "w",
        "gets",
        "get",
        "holds",
        "hold",
        "contains",
        "contain",
        "includes",
        "include",
        "carries",
        "carry",
        "owns",
        "own",
    }
)
_ONE_WORDS = frozenset({"a", "an", "one", "its", "their", "single", "exactly", "the"})
_OWNER_PREPS = frozenset(
    {
        "on",
        "in",
        "at",
        "for",
        "to",
        "against",
        "under",
        "into",
        "from",
        "within",
        "inside",
        "through",
        "via",
        "with",
        "over",
        "across",
        "among",
        "throughout",
    }
)


@dataclass
class _Group:
    """Mentions listed together ("vendors, buyers and negotiators"), each with its role."""

    items: list[tuple[str, str]]
    first: int
    last: int
    plural: bool
    possessive: bool

    @property
    def keys(self) -> set[str]:
        return {k for k, _ in self.items}


@dataclass
class _Found:
    links: list[TextLink] = field(default_factory=list)
    tables: list[LinkTable] = field(default_factory=list)
    selfs: list[SelfRef] = field(default_factory=list)
    #: (owner, owned): the text says one owner has several of the owned.
    many: set[tuple[str, str]] = field(default_factory=set)
    #: Fields the text lists for a thing: key → (name, enum choices).
    attributes: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    #: Things named only as items of another thing's list of fields ("a box score line per
    #: player: minutes, points, rebounds"): thing → the owner they are fields of.
    listed: dict[str, str] = field(default_factory=dict)
    #: Keys said by "per Y: a, b, c" lists, kept unless an item is a field after all.
    listing: list[TextLink] = field(default_factory=list)

    def add_field(self, owner: str, name: str, choices: tuple[str, ...] = ()) -> None:
        """A field of ``owner`` the text names, unless it names one of that name already."""
        known = self.attributes.setdefault(owner, [])
        if not any(n == name for n, _ in known):
            known.append((name, choices))

    def child_of(
        self, child: _Group, parent: _Group, role: str = "", *, strong: bool = True
    ) -> None:
        for c, _ in child.items:
            for p, parent_role in parent.items:
                if c == p:
                    self.selfs.append(SelfRef(c, role or parent_role or "parent"))
                else:
                    self.links.append(TextLink(c, p, role or parent_role, strong))

    def pairs(
        self,
        a: _Group,
        b: _Group,
        verb: str = "",
        attributes: tuple[tuple[str, tuple[str, ...]], ...] = (),
        *,
        loose: bool = False,
    ) -> None:
        for x, _ in a.items:
            for y, _ in b.items:
                name = link_name(verb, x, y) if x != y else f"{x}_{plural(verb or 'link')}"
                shared = loose or (x, y) in self.shared
                self.tables.append(LinkTable(x, y, name, "link", attributes, shared))

    def events(self, a: _Group, b: _Group, noun: str) -> None:
        for x, _ in a.items:
            for y, _ in b.items:
                if x != y:
                    self.tables.append(LinkTable(x, y, plural(noun), "event"))

    #: (owner, owned) said as "can have more than one": owned may be shared between owners.
    shared: set[tuple[str, str]] = field(default_factory=set)
    #: Event tables whose doer's "with ..." list is the act's own (table index, doer, last
    #: token of the doer): "graded by two examiners with a grade and comments".
    acts: list[tuple[int, str, int]] = field(default_factory=list)
    #: The mentions by first and by last token.
    starts: dict[int, str] = field(default_factory=dict)
    ends: dict[int, str] = field(default_factory=dict)

    #: The things one record joins ("each slot puts one class with one teacher"): no keys
    #: between them.
    joined: list[set[str]] = field(default_factory=list)

    def owns_many(self, owner: _Group, owned: _Group) -> None:
        for x, _ in owner.items:
            for y, _ in owned.items:
                if x != y:
                    self.many.add((x, y))


Span = tuple[str, int, int, str]


def relate(
    tokens: list[Token], tags: list[str], mentions: list[Span]
) -> tuple[
    list[TextLink],
    list[LinkTable],
    list[SelfRef],
    dict[str, list[tuple[str, tuple[str, ...]]]],
    dict[str, str],
]:
    """Foreign keys, link tables, self-references and fields that the sentences state between
    and for the mentioned entities (``mentions``: key, first token, last token, role, in any
    order), and the things named only in another thing's list of fields (thing → owner)."""
    found = _Found()
    found.starts = {m[1]: m[0] for m in mentions}
    found.ends = {m[2]: m[0] for m in mentions}
    by_sentence: dict[int, list[Span]] = {}
    for m in sorted(mentions, key=lambda m: m[1]):
        by_sentence.setdefault(tokens[m[1]].sentence, []).append(m)
    for sentence, sentence_mentions in by_sentence.items():
        before = len(found.tables)
        _sentence(tokens, tags, sentence_mentions, found)
        choices = _whether(tokens, tags, sentence)
        if choices:  # "whether it inhibits or activates the protein": a choice on the pairing
            new = [t for t in found.tables[before:] if t.kind == "link"] or [
                t for t in found.tables if t.kind == "link"
            ][-1:]
            for t in new:
                found.tables[found.tables.index(t)] = replace(
                    t, attributes=(*t.attributes, ("effect", choices))
                )
        elif any(t.text == "whether" and t.sentence == sentence for t in tokens):
            _whether_flag(tokens, tags, sentence, before, found)
    _self_phrases(tokens, mentions, found)
    _per_lists(tokens, mentions, found)
    _per_pairs(tokens, tags, mentions, found)
    _which_pairs(tokens, tags, mentions, found)
    owned_by = {(lk.child, lk.parent) for lk in found.links if lk.role == _POSSESSED}
    found.links = [
        TextLink(lk.child, lk.parent, "", True) if lk.role == _POSSESSED else lk
        for lk in found.links
    ]
    for owner, owned in sorted(found.many):
        other_owner = any(c == owned and p not in {owner, owned} for c, p in owned_by)
        if (owned, owner) in found.many:
            if owner < owned:
                found.tables.append(LinkTable(owner, owned, link_name("", owner, owned)))
        elif other_owner or (
            (owner, owned) in found.shared
            and not event_noun(owned.rsplit("_", 1)[-1])
            and owned.rsplit("_", 1)[-1] not in _PART_WORDS
        ):
            # "one stay can cover two dogs", dogs being the owners'; "a ticket can reference
            # one or more assets": a pairing, not a key
            loose = (owner, owned) in found.shared
            found.tables.append(LinkTable(owner, owned, link_name("", owner, owned), loose=loose))
        elif not any(t.kind == "link" and {t.a, t.b} == {owner, owned} for t in found.tables):
            # "employees work on many projects and a project has many employees": the
            # pairing of the first half says it all, no key on either
            found.links.append(TextLink(owned, owner, "", True))
    _attributes(tokens, tags, mentions, found)
    _participle_choices(tokens, tags, mentions, found)
    _acts_take_their_fields(tokens, tags, found)
    found.links += [lk for lk in found.listing if lk.child not in found.listed]
    found.links = [
        lk for lk in found.links if not any({lk.child, lk.parent} <= j for j in found.joined)
    ]
    return found.links, found.tables, found.selfs, found.attributes, found.listed


def _participle_choices(
    tokens: list[Token], tags: list[str], mentions: list[Span], found: _Found
) -> None:
    """ "Each dose given or refused": the rows are one or the other, a choice of outcome
    (doses.outcome: given | refused)."""
    for key, _, last, _ in mentions:
        i = last + 1
        if i + 2 >= len(tokens) or tokens[i + 1].text not in {"or", "and"}:
            continue
        pair = (tokens[i], tokens[i + 2])
        if tags[i] != "VERB" or tags[i + 2] != "VERB" or pair[1].sentence != pair[0].sentence:
            continue
        if not all(t.text.endswith(("ed", "en")) and verb_lemma(t.text) != t.text for t in pair):
            continue
        choices = (tokens[i].text, tokens[i + 2].text)
        found.add_field(key, "outcome", choices)


def _acts_take_their_fields(tokens: list[Token], tags: list[str], found: _Found) -> None:
    """The fields listed after the doers of an act are the act's ("each essay is marked by two
    teachers with a mark and feedback": essay_marks.feedback, not teachers.feedback)."""
    for index, doer, last in found.acts:
        if last + 1 >= len(tokens) or tokens[last + 1].text not in {"with", "w"}:
            continue
        start = last + 2
        while start < len(tokens) and tokens[start].text in {"a", "an", "the", "its", "their"}:
            start += 1
        items = _items(tokens, tags, start, {}, set(), set())
        names = {identifier("_".join(words)) for words, _, thing in items if thing is None}
        moved = [a for a in found.attributes.get(doer, []) if a[0] in names]
        if not moved:
            continue
        found.attributes[doer] = [a for a in found.attributes[doer] if a not in moved]
        table = found.tables[index]
        given = {n for n, _ in table.attributes}
        extra = tuple(a for a in moved if a[0] not in given)
        found.tables[index] = replace(table, attributes=(*table.attributes, *extra))


def _whether_flag(
    tokens: list[Token], tags: list[str], sentence: int, before: int, found: _Found
) -> None:
    """ "... records whether the lift passed": a yes/no field on the event the sentence keeps,
    named after the verb (has_passed; "whether it was approved": is_approved). The event is
    the thing right before the keeping verb ("each inspection records whether ..."), else
    the event table the sentence made ("inspectors inspect lifts and note whether ...")."""
    for w, token in enumerate(tokens):
        if token.sentence != sentence or token.text != "whether":
            continue
        j, passive = w + 1, False
        while j < len(tokens) and j - w < 6 and tags[j] != "VERB":
            passive = passive or tokens[j].text in _PASSIVE
            j += 1
        if j >= len(tokens) or tags[j] != "VERB" or tokens[j].sentence != sentence:
            continue
        if j + 1 < len(tokens) and tokens[j + 1].text == "or":
            continue  # "whether it inhibits or activates": a choice, read by _whether
        verb = tokens[j].text
        if not verb.endswith(("ed", "en")):
            continue
        name = (("is_" if passive else "has_") + verb, ())
        k = w - 1
        while k >= 0 and tags[k] in {"VERB", "ADV", "AUX"}:
            k -= 1
        owner = found.ends.get(k) if k < w - 1 else None
        if owner is not None:
            known = found.attributes.setdefault(owner, [])
            if name not in known:
                known.append(name)
            continue
        made = [i for i in range(before, len(found.tables)) if found.tables[i].kind == "event"]
        if made:
            table = found.tables[made[-1]]
            found.tables[made[-1]] = replace(table, attributes=(*table.attributes, name))


def _whether(tokens: list[Token], tags: list[str], sentence: int) -> tuple[str, ...]:
    """The verbs of "whether it V1 or V2" in a sentence, as the choices of a field."""
    for i, token in enumerate(tokens):
        if token.sentence != sentence or token.text != "whether":
            continue
        verbs = []
        for j in range(i + 1, min(len(tokens), i + 8)):
            if tokens[j].sentence != sentence:
                break
            if tags[j] == "VERB":
                verbs.append(tokens[j].text)
            elif tokens[j].text not in {"or", "it", "they", "he", "she", "not"}:
                break
        if len(verbs) >= 2:
            return tuple(verbs)
    return ()


def _sentence(tokens: list[Token], tags: list[str], mentions: list[Span], found: _Found) -> None:
    """The relations between the mentions of one sentence."""
    groups = _groups(tokens, tags, mentions, found.links)
    subject: _Group | None = None
    joined = _joined(tokens, tags, groups)
    if joined is not None:
        found.joined.append(
            {
                key
                for g in groups
                if joined[0].last < g.first and g.last < joined[1]
                for key in g.keys
            }
        )
    for k, group in enumerate(groups):
        after = group.last + 1
        if subject is None and after < len(tokens) and tags[after] in {"VERB", "AUX", "ADV"}:
            subject = group
        if k + 1 >= len(groups):
            continue
        nxt = groups[k + 1]
        if joined is not None and nxt.first > joined[0].last and nxt.last < joined[1]:
            found.child_of(joined[0], nxt)  # "each slot puts one class with one teacher ..."
            continue
        gap = _outside_parentheses(tokens, range(group.last + 1, nxt.first))
        if len(gap) > 10:
            continue
        left = group
        outer = _before_aside(tokens, groups[:k], group, nxt)
        if outer is not None:
            # "projects (name, budget, start date) are controlled by a department": the
            # clause is the projects', not the aside's last word's
            left, gap = outer, _outside_parentheses(tokens, range(outer.last + 1, nxt.first))
        words = [tokens[i].text for i in gap]
        came_from = (
            [tokens[i].text for i in range(groups[k - 1].last + 1, group.first)] if k else []
        )
        if (
            words[:1] == ["to"]
            and came_from[:1] == ["from"]
            and all(w in _DETS_AND_OF for w in came_from[1:] + words[1:])
        ):
            continue  # "sells bottles from wineries to members": the members buy the bottles
        if (
            words[:1] in (["in"], ["at"])
            and came_from[:1] == ["with"]
            and all(w in _DETS_AND_OF for w in came_from[1:] + words[1:])
            and any(person_word(key) for key in group.keys)
        ):
            left = groups[k - 1]  # "plays with actors in venues": the plays are in venues
        if (
            subject is not None
            and subject is not group
            and words
            and words[0] in {",", "and", "then"}
            and any(tags[i] == "VERB" for i in gap)
        ):
            left = subject  # "buyers register ..., and make offers": the buyers make them
        stranded = _stranded_verb(tokens, tags, words, nxt.last + 1)
        if stranded:
            _pair(tokens, tags, nxt, group, stranded, found)  # "updates that backers comment on"
            continue
        if (
            words
            and words[0] in {"who", "which", "that"}
            and any(tags[i] in {"VERB", "AUX"} for i in gap[1:3])
        ):
            gap = gap[1:]  # "an adjuster who writes an assessment"
            words = words[1:]
        elif any(w in _CLAUSE_BREAK for w in words) and left is group:
            continue
        after_b = nxt.last + 1
        if (
            after_b + 1 < len(tokens)
            and tokens[after_b].text in {"they", "it"}
            and tags[after_b + 1] == "VERB"
        ):  # "chemicals ..., the proteins they bind to": the chemicals bind the proteins
            _pair(tokens, tags, group, nxt, [after_b + 1], found)
        else:
            _pair(tokens, tags, left, nxt, gap, found)
        tail = [t.text for t in tokens[nxt.last + 1 : nxt.last + 6]]
        if _contains(tail, ("many", "to", "many")):
            found.pairs(left, nxt)


def _stranded_verb(tokens: list[Token], tags: list[str], words: list[str], i: int) -> list[int]:
    """The verb and preposition that end a relative clause about the noun before it ("updates
    that backers can comment on", "posts which members vote on"): the clause's subject does
    it to that noun. Empty if the clause goes on."""
    if words not in (["that"], ["which"]):
        return []
    while i < len(tokens) and tokens[i].text in _MODALS:
        i += 1
    if i + 1 >= len(tokens) or tags[i] != "VERB" or tags[i + 1] != "PREP":
        return []
    end = i + 2
    goes_on = end < len(tokens) and tokens[end].sentence == tokens[i].sentence
    if goes_on and tokens[end].text not in {",", ";", ")", "and", "."}:
        return []
    return [i, i + 1]


def _one_at_a_time(
    tokens: list[Token], tags: list[str], a: _Group, b: _Group, found: _Found
) -> bool:
    """ "Each vehicle has one device (installed) at a time": the B changes over time, so each
    spell of an A with a B is a row with its start and end ("device_installations"), not a key
    on either."""
    i = b.last + 1
    participle = ""
    if i < len(tokens) and tags[i] == "VERB" and tokens[i].text.endswith(("ed", "en")):
        participle = _lemma(tokens[i].text, "VERB")
        i += 1
    words = [t.text for t in tokens[i : i + 4]]
    if words[:3] != ["at", "a", "time"] and words[:4] != ["at", "any", "one", "time"]:
        return False
    noun = EVENT_NOUNS.get(participle) or _NOUN_OF_VERB.get(participle) or "assignment"
    spell = (("started_on", ()), ("ended_on", ()))
    for x, _ in a.items:
        for y, _ in b.items:
            if x != y:
                found.tables.append(LinkTable(x, y, f"{y}_{plural(noun)}", "link", spell))
    return True


#: Words that count how many, not what ("for one or more units").
_COUNT_WORDS = frozenset("one or more than two several multiple many few any number".split())


def _content_words(words: list[str]) -> list[str]:
    """The words of a gap that say what relates two things, past determiners and counts
    ("is for one or more" → ["for"])."""
    if _says_many(words):
        return [w for w in words if w not in _DETS_AND_OF and w not in _COUNT_WORDS]
    return [w for w in words if w not in _DETS_AND_OF]


_JOINING_VERBS = frozenset({"link", "put", "pair", "match", "tie", "connect", "join", "combine"})


def _joined(
    tokens: list[Token], tags: list[str], groups: list[_Group]
) -> tuple[_Group, int] | None:
    """A record that joins several things, and where its clause ends: "each timetable slot
    puts one class with one teacher in one room during a period", "a sale links one vehicle,
    one customer and the salesperson who closed it" name the slot's (the sale's) parents."""
    for group in groups[:-1]:
        i = group.last + 1
        while i < len(tokens) and tags[i] in {"ADV", "AUX"}:
            i += 1
        if group.plural or i >= len(tokens) or tags[i] != "VERB":
            continue
        if _lemma(tokens[i].text, "VERB") not in _JOINING_VERBS:
            continue
        end = i + 1
        while end < len(tokens) and tokens[end].sentence == tokens[i].sentence:
            if tokens[end].text in _CLAUSE_BREAK or tokens[end].text in {";", ":"}:
                break
            end += 1
        return group, end
    return None


def _before_aside(
    tokens: list[Token], earlier: list[_Group], group: _Group, nxt: _Group
) -> _Group | None:
    """The group an aside in parentheses follows, when ``group`` is inside the aside and
    ``nxt`` after it."""
    if not any(tokens[i].text == ")" for i in range(group.last + 1, nxt.first)):
        return None
    for i in range(group.first - 1, -1, -1):
        if tokens[i].text == ")" or tokens[i].sentence != tokens[group.first].sentence:
            return None
        if tokens[i].text == "(":
            before = [g for g in earlier if g.last < i]
            if before and not any(t.text in {".", ";"} for t in tokens[before[-1].last + 1 : i]):
                return before[-1]
            return None
    return None


def _outside_parentheses(tokens: list[Token], span: range) -> list[int]:
    """The indexes of ``span`` outside parentheses (asides say nothing about the relation)."""
    out: list[int] = []
    depth = 0
    for i in span:
        if tokens[i].text == "(":
            depth += 1
        elif tokens[i].text == ")":
            depth = max(0, depth - 1)
        elif not depth:
            out.append(i)
    return out


def person_word(key: str) -> bool:
    """Whether rows of ``key`` are people: the catalogue says so, or an agent noun does."""
    from synthdata.analysis.catalog import catalog

    template = catalog().entities.get(key)
    if template is not None:
        return template.person
    return agent_noun(key.rsplit("_", 1)[-1])


#: Heads of things that are events: rows of what happens, each at a time.
EVENT_HEADS = frozenset(
    "stay trip visit session appointment lesson class shift match game race flight ride journey "
    "call meeting event order booking reservation rental purchase sale payment transfer delivery "
    "shipment loan donation application inspection assessment review rating treatment walk "
    "adoption scan check repair rehearsal performance concert screening exam test attempt round "
    "play move transaction exposure contact interview hearing surgery admission discharge "
    "pickup dropoff feeding vaccination weighing measurement reading incident accident "
    "installation".split()
)
#: Words with an event's ending that name things, not events.
_NOT_EVENTS = frozenset(
    "station location institution organization organisation position question nation section "
    "portion region division commission mission pension version extension dimension profession "
    "apartment department equipment document instrument segment element compartment tournament "
    "allowance appliance ambulance attachment statement settlement residence audience licence "
    "license evidence sentence establishment garment allotment monument basement tenement "
    "accommodation destination foundation population workstation substation preference "
    "reference insurance balance distance instance substance medication lotion potion solution "
    "ration nutrition ammunition".split()
)
#: Agent-looking nouns that name machines and things, not people.
_NOT_PEOPLE = frozenset(
    "order folder washer dryer printer scanner router server computer heater freezer cooler "
    "container trailer tractor reactor sensor monitor meter controller compressor generator "
    "motor elevator escalator projector charger adapter filter boiler locker counter register "
    "tanker ladder blender mixer fryer roaster grinder feeder timer buzzer speaker player "
    "marker sticker poster voucher ledger binder drawer number letter paper water center "
    "centre chapter layer cluster barrier tier character banner header footer roster quarter "
    "matter border corner cover offer answer transfer floor door error factor sector color "
    "colour indicator processor restaurant plant event incident accident component ingredient "
    "content percent variant grant talent extent scent cent rent accent".split()
)
#: Things with a person's ending, beside _NOT_PEOPLE: a tree is not a trainee, a waitlist
#: not a florist ("trees" had first names and emails).
_THINGS_LIKE_PEOPLE = frozenset(
    "tree coffee toffee knee bee fee degree jubilee committee pedigree settee marquee toupee "
    "puree entree matinee guarantee spree lychee three free rent tent vent scent cent "
    "reagent solvent detergent coolant sealant lubricant pollutant implant fertiliser "
    "fertilizer tower gear pier liner tender shelter weather winter summer calendar collar "
    "harbor harbour anchor mirror vapor vapour incubator ventilator simulator accelerator "
    "refrigerator radiator calculator detonator waitlist checklist playlist wishlist shortlist "
    "blacklist whitelist watchlist pricelist setlist tracklist booklist median meridian "
    "cider butter batter litre liter metre kilometer kilometre timber lumber chamber charter "
    "barter cylinder oyster lobster hamster monster diameter parameter thermometer".split()
)


def event_noun(word: str) -> bool:
    """Whether a noun names an event: a known head, or an ending such as -ment or -tion."""
    return word in EVENT_HEADS or (
        word.endswith(("ment", "tion", "sion", "ance", "ence")) and word not in _NOT_EVENTS
    )


#: Nouns that name people without an agent's ending.
PERSON_NOUNS = frozenset(
    "judge nurse chef coach guide clerk cook pilot captain athlete client guest member child "
    "kid parent guardian pupil monk nun priest vet surgeon midwife nanny maid host mechanic "
    "detective witness suspect victim inmate patron spouse person individual cadet umpire "
    "magistrate juror trainee apprentice intern colleague candidate delegate attendee bride "
    "groom analyst chaplain pastor bishop imam rabbi sheriff marshal deputy warden guard scout "
    "fan medic paramedic barista chauffeur staff staffer alumnus alumni graduate fellow "
    "scholar faculty youth adult teen toddler infant baby worker employee player referee "
    "physician dentist optician artist author actor jockey caddie caddy cashier courier "
    "soldier farrier".split()
)


def agent_noun(word: str) -> bool:
    """Whether a noun names a person by what they do (groomer, adjuster, florist, tenant) or
    is a person word without that ending (judge, nurse, coach)."""
    return word in PERSON_NOUNS or (
        word.endswith(("er", "or", "ist", "ian", "ant", "ent", "ee", "hand", "man", "woman"))
        and not word.endswith("ment")
        and not (word.endswith("over") and len(word) > 6)  # a workover, a handover
        and word not in _NOT_PEOPLE
        and word not in _THINGS_LIKE_PEOPLE
    )


def _groups(
    tokens: list[Token], tags: list[str], mentions: list[Span], owned: list[TextLink]
) -> list[_Group]:
    out: list[_Group] = []
    for key, first, last, role in mentions:
        opens_clause = last + 1 < len(tokens) and tags[last + 1] in {"VERB", "AUX"}
        if out and not opens_clause:
            prev = out[-1]
            if first <= prev.last:
                continue
            between = tokens[prev.last + 1 : first]
            if (
                between
                and all(t.text in _LIST_GLUE for t in between)
                and any(t.text in {",", "and", "or", "/", "plus", "+"} for t in between)
                and not _new_item(tokens, tags, prev.first, between)
            ):
                if between[-1].text in {"their", "its"}:  # "customers and their dogs"
                    owner = prev.items[-1][0]
                    if person_word(key) and not person_word(owner):  # "pets and their owners"
                        owned.append(TextLink(owner, key, _POSSESSED, True))
                    else:
                        owned.append(TextLink(key, owner, _POSSESSED, True))
                prev.items.append((key, role))
                prev.last = last
                prev.plural = prev.plural or tokens[last].plural
                continue
        out.append(_Group([(key, role)], first, last, tokens[last].plural, tokens[last].possessive))
    return out


def _new_item(tokens: list[Token], tags: list[str], first: int, between: list[Token]) -> bool:
    """Whether ", and the" after a preposition's object starts a new item of the list around it
    rather than a second object ("brew batches made ... in one of our fermenters, and the
    packaging runs for each batch")."""
    words = [t.text for t in between]
    if words[:2] != [",", "and"] or len(words) < 3 or words[2] not in _DET:
        return False
    j = first - 1
    while j >= 0 and (tags[j] in {"DET", "NUM", "ADJ", "QUANT"} or tokens[j].text == "of"):
        j -= 1
    return j >= 0 and tags[j] == "PREP"


#: Things that gather others which exist on their own ("playlists of tracks", "bundles of
#: products"), as opposed to parts and instances ("copies of titles", "rows of seats").
_COLLECTIONS = frozenset(
    "playlist portfolio bundle basket kit collection set list package pack menu catalogue "
    "catalog album anthology compilation selection shortlist wishlist cart box hamper "
    "itinerary programme program lineup setlist".split()
)
_MAY = frozenset({"can", "could", "may", "might"})
_MODALS = frozenset(
    "can could may might must will would should also usually often always typically sometimes "
    "normally generally each then".split()
)
#: A role marking keys said by a possessive ("customers and their dogs") while relating.
_POSSESSED = "<possessed>"
_DETS_AND_OF = frozenset({"a", "an", "the", "their", "our", "its", "each", "every", "which", "of"})
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})


def _pair(
    tokens: list[Token], tags: list[str], a: _Group, b: _Group, gap: list[int], found: _Found
) -> None:
    may = any(tokens[i].text in _MAY for i in gap[:3])
    while gap and tokens[gap[0]].text in _MODALS:
        gap = gap[1:]  # "articles can have multiple bylines"
    words = [tokens[i].text for i in gap]
    many = _says_many(words)
    numbers = any(tags[i] == "NUM" and tokens[i].text not in {"one", "1"} for i in gap)
    if may and numbers and any(tags[i] == "VERB" for i in gap):
        # "one stay can cover two dogs": up to two, so the dogs are not the stay's own
        many = True
        found.shared |= {(x, y) for x, _ in a.items for y, _ in b.items}
    if may and _contains(words, ("more", "than", "one")):
        # "a course can have more than one instructor": an exception to the usual one, so
        # the instructors are not the course's own
        found.shared |= {(x, y) for x, _ in a.items for y, _ in b.items}
    if a.possessive and all(tags[i] in {"NOUN", "ADJ", "GER"} for i in gap):
        # "an article's revisions", "the customer's price plan"
        found.child_of(b, a) if b.plural else found.child_of(a, b)
        return
    if not gap:
        return
    if words[0] == ">":  # "each pay run -> paystub per employee"
        found.owns_many(a, b) if b.plural else found.child_of(b, a)
        return
    if words[0] in {"is", "are"} and len(words) > 1 and words[1] in _OWNER_PREPS:
        words, gap = words[1:], gap[1:]
    if words[0] == "of" and all(w in _DETS_AND_OF for w in words):
        collection = any(k.rsplit("_", 1)[-1] in _COLLECTIONS for k in a.keys)
        if a.plural and b.plural and words == ["of"] and collection:
            found.pairs(a, b)  # "playlists of tracks": a track is on many playlists
        else:
            found.child_of(a, b)  # "every revision of an article", "copies of titles"
        return
    if words[-2:] in (["for", "each"], ["for", "every"], ["in", "each"], ["on", "each"]) or (
        words[-1] == "per"
    ):
        # "a line per player" is said outright; "we pay the farmer per lot" leaves the
        # direction between a person and their things to the modeller
        if a.keys == b.keys:
            return  # "many objects, and for each object …": one thing, said twice
        people = any(person_word(k) for k in a.keys) and not any(person_word(k) for k in b.keys)
        if people and _eventful(b) and _many_before(tokens, a.first):
            found.pairs(a, b)  # "several singers perform in each concert"
            return
        if people and _object_of_verb(tokens, tags, a):
            found.child_of(b, a, strong=False)  # "book a jockey for each race entry"
            return
        found.child_of(a, b, strong=not people)
        return
    verbs = [i for i in gap if tags[i] == "VERB"]
    if not verbs and _verb_before(tokens, tags, a, b, words, found):
        return
    if not verbs and words[0] in _HAVE and _one_at_a_time(tokens, tags, a, b, found):
        return
    if not verbs:
        # "customers, orders with order lines": the words attach to the nearest item.
        a = _Group([a.items[-1]], a.last, a.last, tokens[a.last].plural, a.possessive)
        b = _Group([b.items[0]], b.first, b.first, b.plural, False)
        if any(tokens[i].text in {",", ":"} for i in gap):
            return  # the words relate A to something else ("a plan with a number of ...")
        several = any(tags[i] == "NUM" and tokens[i].text not in {"one", "1"} for i in gap)
        if words[0] in (_HAVE - {"with", "w"}) or words[0] in {"is", "are"}:
            rest = [w for w in words[1:] if w not in {"can", "also", "usually", "often"}]
            if many or several or (b.plural and not (rest[:1] and rest[0] in _ONE_WORDS)):
                found.owns_many(a, b)  # "every store has a few registers", "one or two hosts"
            elif _eventful(b):
                found.child_of(b, a)  # "each org has a subscription"
            else:
                found.child_of(a, b)  # "each bus has one driver"
        elif words[0] in {"with", "w"} and len(words) <= 4:
            people = any(person_word(k) for k in b.keys) and not any(person_word(k) for k in a.keys)
            if ("one" in words and not many) or people:
                found.child_of(a, b)  # "viewings with one of our negotiators", "with instructors"
            elif many or b.plural:
                found.owns_many(a, b)  # "sales with line items"
            else:
                found.child_of(a, b)  # "a viewing with a negotiator"
        elif words[0] in _OWNER_PREPS and len(_content_words(words)) <= 3:
            _located(a, b, words, many, found)
        return
    v = verbs[-1]
    head = _head_of_phrase(tokens, tags, a, found)
    if head is not None and len(verbs) == 1 and b.keys - head.keys:
        # "loans to other institutions list the objects": the loans list them
        a = head
    if _in_field_list(tokens, tags, gap, v, found):
        return  # "buyers register with name, email, phone and maximum budget": a field
    for earlier in _coordinated(tokens, tags, gap, v):
        _pair(tokens, tags, a, b, [i for i in gap if i <= earlier or i > v], found)
    lemma = _lemma(tokens[v].text, "VERB")
    owned_b = bool(words) and words[-1] in {"their", "its"}  # "proposals list their targets"
    many_b = not (words and words[-1] in _ONE_WORDS)
    after = [tokens[i].text for i in gap if i > v]
    before = [tokens[i].text for i in gap if i < v]
    passive = bool(set(before) & _PASSIVE) or (tokens[v].text.endswith(("ed", "en")) and not before)
    if after[:1] == ["by"] or after[:2] == ["up", "by"]:
        if a.keys != b.keys and (many or numbers) and not a.plural:
            # "an account can be owned by two or more members", "each claim is checked by
            # three assessors": several of them to each, and each of them to many
            if not _assessed(a, b, lemma, singular(tokens[b.last].base), found):
                found.pairs(a, b, lemma, loose=True)
        elif a.keys == b.keys:
            for key in a.keys:
                found.selfs.append(SelfRef(key, _AGENT_SUFFIX.get(lemma, f"{lemma}er")))
        else:
            found.child_of(a, b)  # "taught by", "assessed by"
        return
    attributes = _pair_attributes(tokens, b.last)
    if attributes and not passive:  # "each recipe lists ingredients with quantities"
        found.pairs(a, b, "", attributes)
        return
    if (
        lemma in _RECORD_VERBS
        and not passive
        and not owned_b
        and not many
        and not b.plural
        and all(
            tokens[i].text in _DETS_AND_OF or tokens[i].text == "," or tags[i] in _LISTED
            for i in gap
            if i > v
        )
    ):  # "each gate transaction records the truck plate, haulier, container and direction"
        found.child_of(a, b, strong=False)
        return
    if lemma in _MANY_VERBS or (lemma == "sign" and {"for", "to"} & set(after)):
        found.pairs(a, b, lemma)
        return
    if (
        lemma in _ROSTER_NOUNS
        and passive
        and a.keys != b.keys
        and not any(person_word(k) for k in b.keys)
        and _recurs(tokens, v + 1, b.last + 4)
    ):  # "drivers assigned to routes each week": each week's assignment is a row
        for x, _ in a.items:
            for y, _ in b.items:
                name = f"{y}_{plural(_ROSTER_NOUNS[lemma])}"
                found.tables.append(LinkTable(x, y, name, "event"))
        return
    if (
        lemma in _ROSTER_VERBS
        and passive
        and any(person_word(k) for k in a.keys)
        and not any(person_word(k) for k in b.keys)
        and (b.plural or bool(set(after) & {"each", "every"}))
    ):  # "coaches are assigned to teams", "three referees are assigned to every game"
        for x, _ in a.items:
            for y, _ in b.items:
                found.tables.append(LinkTable(x, y, f"{y}_{plural(x)}", "link"))
        return
    if lemma in _TIE_VERBS and passive:
        found.pairs(a, b) if a.plural and b.plural and many_b else found.child_of(a, b)
        return
    if (
        lemma in _OFFER_VERBS
        and not passive
        and any(person_word(k) or agent_noun(k.rsplit("_", 1)[-1]) for k in a.keys)
        and not any(person_word(k) for k in b.keys)
        and not _eventful(b)
    ):  # "sellers list items": each time one is put up is a listing
        found.events(a, b, _OFFER_VERBS[lemma])
        return
    if lemma in _GATHER_VERBS and not passive and (many or b.plural) and not owned_b:
        if any(k.rsplit("_", 1)[-1] in _PART_WORDS for k in b.keys) or _eventful(b):
            found.owns_many(a, b)  # "each order contains several order lines"
        else:
            found.pairs(a, b)  # "loans list the objects", "exhibitions pull objects"
        return
    prep = next((w for w in after if w in _OWNER_PREPS or w == "between"), None)
    if prep is not None:
        at = after.index(prep)
        if after[at + 1 : at + 2] in ([","], ["and"], ["or"]):
            return  # "the employee it is assigned to, and a ticket": to a noun before it
    if lemma in _CAUSE_VERBS and not passive:
        # "each report leads to one or more repair jobs", "the winning bid becomes an order"
        found.owns_many(a, b) if many or b.plural else found.child_of(b, a)
        return
    if _movement(a, b, lemma, after + _to_another(tokens, b), found):
        return
    if (
        not passive
        and not prep
        and (many or b.plural)
        and _assessed(b, a, lemma, singular(tokens[a.last].base), found, named=False)
    ):
        return  # "judges score the dishes": scores of dishes by judges, with a score
    direct = not passive and not prep
    if (
        lemma in EVENT_NOUNS
        and not _eventful(b)
        and not (passive and _eventful(a))  # "a viewing is booked for a buyer": the viewing
        and (not direct or _direct_event(lemma, a) or _party_follows(tokens, tags, b, found))
        and not (lemma == "enter" and _word_after(tokens, b) in {"into", "in"})  # data entry
    ):
        found.events(a, b, EVENT_NOUNS[lemma])  # "kegs are shipped to pubs": shipments
        return
    if (
        not passive
        and prep in {None, "with"}
        and lemma not in _OVER_VERBS
        and all(person_word(k) for k in a.keys | b.keys)
        and not a.keys & b.keys
        and all(w in _DETS_AND_OF | {"with"} for w in after)  # not "play it, freelancers"
    ):
        # "students meet tutors", "mentors coach apprentices": neither holds the other; each
        # time they meet is an event where English names one, else they are paired
        noun = EVENT_NOUNS.get(lemma) or _MEETING_NOUNS.get(lemma)
        found.events(a, b, noun) if noun else found.pairs(a, b)
        return
    if passive and prep == "of" and lemma in {"make", "compose", "build", "form"}:
        found.owns_many(a, b)  # "courses made of sections and lessons"
        return
    if passive and prep == "in" and b.plural and not a.plural:
        found.owns_many(a, b)  # "a grant is paid out in instalments"
        return
    if (
        not passive
        and prep not in {None, "into"}
        and any(person_word(k) for k in a.keys)
        and _eventful(b)
    ):
        found.child_of(b, a, strong=False)  # "judges preside over hearings"
        return
    if _shared_ownership(tokens, a, b, lemma, passive, found):
        return
    if lemma in _SHARE_VERBS and not passive and not prep and not b.plural:
        found.child_of(a, b, strong=False)  # "dogs sharing a run": several in one run
        return
    if (
        prep == "on"
        and after[:1] == ["on"]
        and not passive
        and a.plural
        and b.plural
        and any(person_word(k) for k in a.keys)
        and not _places(b)
    ):
        found.pairs(a, b, lemma)  # "employees work on projects": each on several, each by many
        return
    if passive or prep:
        # "reported against", "sits in", "filled into"; "belongs to" is said outright
        _located(a, b, [prep or ""], many, found, strong=lemma in _BELONG_VERBS)
        return
    if many:
        people = any(person_word(k) for k in a.keys)
        parts = any(k.rsplit("_", 1)[-1] in _PART_WORDS for k in b.keys)
        carried = lemma in _CARRY_VERBS  # "one trip can haul one or more loads": the trip's
        if not parts and not carried and (not people or _eventful(b)) and not owned_b:
            # "an inspection can cite several violations", "passengers book one or more
            # flights": things that exist on their own, met many times, are paired
            found.pairs(a, b)
            return
        found.owns_many(a, b)
    elif after[-1:] == ["one"] or after[-2:] in (["a", "single"], ["exactly", "one"]):
        found.child_of(a, b, strong=False)  # "each policy covers one pet": the policy's pet
    else:
        found.child_of(b, a, strong=False)  # "policyholders own vehicles"


def _in_field_list(
    tokens: list[Token], tags: list[str], gap: list[int], v: int, found: _Found
) -> bool:
    """Whether B ends a list, begun after the verb, whose first item is a field and no thing
    ("register with name, email, phone and budget"): B is one of the fields."""
    after = [i for i in gap if i > v]
    if not any(tokens[i].text == "," for i in after):
        return False
    if any(tokens[i].text in {"(", ")", ";", ":"} or tags[i] in {"VERB", "AUX"} for i in after):
        return False
    glue = [tokens[i].text for i in after if tokens[i].text in {",", "and", "or"}]
    if glue.count(",") < 2 and not {"and", "or"} & set(glue):
        return False  # "ships to our centre first, an inspector ...": another clause
    k = 0
    while k < len(after) and (tokens[after[k]].text in _PREP or tags[after[k]] == "DET"):
        k += 1
    if k >= len(after) or after[k] in found.starts or tags[after[k]] not in {"NOUN", "ADJ"}:
        return False
    return not any(i in found.starts for i in after[k:])


def _coordinated(tokens: list[Token], tags: list[str], gap: list[int], v: int) -> list[int]:
    """Event verbs joined to the last verb of a gap by "and", "or", "+" or "/": each makes its
    own event on the same object ("inspectors install and review meters": installations and
    reviews of meters), as the last verb does."""
    out: list[int] = []
    j = v - 1
    while j - 1 in gap and tokens[j].text in _VERB_GLUE | {","} and tags[j - 1] == "VERB":
        if _lemma(tokens[j - 1].text, "VERB") in EVENT_NOUNS:
            out.append(j - 1)
        j -= 2
    return out


#: Verbs by which a record names one of something among its fields ("each gate transaction
#: records the truck, the container and the direction"): the record holds its key.
_RECORD_VERBS = frozenset("record log store capture note reference cite mention name".split())
_LISTED = frozenset({"NOUN", "ADJ", "CONJ", "DET", "QUANT"})
#: Verbs by which one person is over another: the other holds the key ("managers supervise
#: clerks": clerks.manager_id).
_OVER_VERBS = frozenset(
    "manage supervise lead employ hire oversee head run own direct command parent raise "
    "adopt foster sponsor refer recruit invite have".split()
)
#: Verbs by which several things are in one ("dogs sharing a run"): they hold its key.
_SHARE_VERBS = frozenset("share occupy inhabit".split())
#: Nouns for the times two people meet, by the verb ("students meet tutors": meetings).
_MEETING_NOUNS = {
    "meet": "meeting",
    "see": "appointment",
    "coach": "coaching_session",
    "tutor": "tutoring_session",
    "teach": "lesson",
    "train": "training_session",
    "interview": "interview",
    "counsel": "counselling_session",
    "call": "call",
    "message": "message",
    "email": "message",
    "consult": "consultation",
}
#: Verbs by which one record gives rise to others: the others hold its key.
_CAUSE_VERBS = frozenset(
    "lead result turn become generate produce spawn trigger create raise open convert".split()
)
#: Event verbs whose direct object is the other party of the event ("adopters adopt a cat":
#: adoptions); other event verbs make an event only through a preposition ("shipped to pubs").
_EVENT_DIRECT = frozenset(
    "adopt rent hire borrow lend buy purchase order book reserve donate foster review rate visit "
    "attend subscribe enrol enroll enter".split()
)


#: Verbs of what people do to things, each time a record of its own ("vets vaccinate
#: animals": vaccinations, "inspectors inspect boilers": inspections).
_ACTS_ON_THINGS = frozenset(
    "inspect assess examine vaccinate treat audit repair weigh install review rate".split()
)


#: Prepositions that bring in the other party or place of an act ("lend books to members",
#: "enter horses in races", "book rooms for guests").
_PARTY_PREPS = frozenset({"to", "from", "in", "into", "for", "at", "on"})
#: Verbs of trade, whose goods go on the lines of the text's orders or sales.
_SALE_VERBS = frozenset("sell buy purchase order".split())


def _verb_before(
    tokens: list[Token], tags: list[str], a: _Group, b: _Group, words: list[str], found: _Found
) -> bool:
    """ "(we) V A to/from B" with an event verb: each time is a row keyed to A and to the party
    B ("the library lends books to members": loans of books to members; "members borrow books
    from branches": the loans are at branches), not a key from A to B."""
    if words[0] not in _PARTY_PREPS or not all(w in _DETS_AND_OF for w in words[1:]):
        return False
    k = a.first - 1
    while k >= 0 and tags[k] in {"DET", "ADJ", "NUM", "QUANT"}:
        k -= 1
    if k < 1 or tags[k] != "VERB" or tokens[k].text.endswith(("ed", "ing")):
        return False
    if tokens[k - 1].text in _PASSIVE or tokens[k].sentence != tokens[a.first].sentence:
        return False
    lemma = _lemma(tokens[k].text, "VERB")
    noun = None if lemma in _SALE_VERBS else EVENT_NOUNS.get(lemma)
    if noun is None or _eventful(a) or (_eventful(b) and words[0] in {"to", "from"}):
        return False  # (but "we enter horses in races": race entries)
    if _eventful(b):  # named after the event they are entered in
        for x, _ in a.items:
            for y, _ in b.items:
                found.tables.append(LinkTable(x, y, f"{y}_{plural(noun)}", "event", loose=True))
        return True
    found.events(a, b, noun)
    j = k - 1
    while j >= 0 and tags[j] in {"ADV", "AUX"}:
        j -= 1
    doer = found.ends.get(j)
    if doer is not None and doer not in a.keys | b.keys and not names_events(doer):
        found.events(_Group([(doer, "")], j, j, True, False), a, noun)
    return True


def _object_of_verb(tokens: list[Token], tags: list[str], a: _Group) -> bool:
    """Whether the group is the object of a verb right before it ("book a jockey", "assign a
    guide"), past its determiners."""
    k = a.first - 1
    while k >= 0 and tags[k] in {"DET", "ADJ", "NUM"}:
        k -= 1
    return k >= 0 and tags[k] == "VERB" and not tokens[k].text.endswith(("ed", "en"))


def _party_follows(tokens: list[Token], tags: list[str], b: _Group, found: _Found) -> bool:
    """Whether "to" or "from" and another thing follow the object ("customers return items to
    stores"): the act goes between parties, an event of its own."""
    i = b.last + 1
    if i >= len(tokens) or tokens[i].text not in {"to", "from"}:
        return False
    i += 1
    while i < len(tokens) and tags[i] in {"DET", "ADJ", "NUM"}:
        i += 1
    return i in found.starts


def _shared_ownership(
    tokens: list[Token], a: _Group, b: _Group, lemma: str, passive: bool, found: _Found
) -> bool:
    """People who share a thing own it together, each with a share, and each may share
    several: an ownership row per person and thing ("partners share boats, with percentage
    shares": boat_ownerships with a percentage_share), not a key on either."""
    if lemma not in {"share", "co-own", "coown"} or passive:
        return False
    if not all(person_word(k) for k in a.keys) or any(person_word(k) for k in b.keys):
        return False
    attributes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    for i in range(b.last, len(tokens)):
        if tokens[i].sentence != tokens[b.last].sentence or tokens[i].text in {";", "."}:
            break
        attributes = _pair_attributes(tokens, i)
        if attributes:
            break
    attributes = tuple(
        ("share_percentage", ()) if set(n.split("_")) & {"percent", "percentage"} else (n, c)
        for n, c in attributes
    )
    for x, _ in a.items:
        for y, _ in b.items:
            name = f"{y}_ownerships"
            found.tables.append(
                LinkTable(x, y, name, "link", attributes or (("share_percentage", ()),))
            )
    return True


#: Verbs of judging a thing, with the noun of the act and the field it gives ("scored": a
#: score) where it gives one.
_ASSESS_VERBS = {
    "score": ("score", "score"),
    "mark": ("mark", "mark"),
    "grade": ("grade", "grade"),
    "rate": ("rating", "rating"),
    "review": ("review", "score"),
    "assess": ("assessment", "score"),
    "evaluate": ("evaluation", "score"),
    "judge": ("judging", "score"),
    "appraise": ("appraisal", "score"),
    "moderate": ("moderation", "outcome"),
    "examine": ("examination", "outcome"),
    "inspect": ("inspection", "outcome"),
    "audit": ("audit", "outcome"),
    "check": ("check", "outcome"),
    "test": ("test", "outcome"),
    "vet": ("vetting", "outcome"),
}


def _agent_act(word: str) -> str | None:
    """The act a person noun names the doer of, when it is a judging verb ("reviewer" →
    review, "assessor" → assessment, "examiner" → examination)."""
    for ending in ("er", "or"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            for verb in (stem, f"{stem}e"):
                if verb in _ASSESS_VERBS:
                    return _ASSESS_VERBS[verb][0]
    return None


def _assessed(
    a: _Group, b: _Group, lemma: str, head: str, found: _Found, *, named: bool = True
) -> bool:
    """ "Each A is <judged> by several Bs": each B's judgement of an A is a row of its own,
    named after the act (the doer's own where the person noun names it) and holding what the
    act gives ("each thesis is graded by two examiners": thesis_examinations with a grade;
    "each bid is scored by three reviewers": bid_reviews with a score). Said actively ("judges
    score cakes"), the table is the act alone (scores), as other events are named."""
    if lemma not in _ASSESS_VERBS or not all(person_word(k) for k in b.keys):
        return False
    if _eventful(a) and not any(k.rsplit("_", 1)[-1] in _DOCUMENT_EVENTS for k in a.keys):
        return False
    noun, given = _ASSESS_VERBS[lemma]
    for x, _ in a.items:
        for y, _ in b.items:
            act = _agent_act(head if len(b.items) == 1 else y.rsplit("_", 1)[-1]) or noun
            name = f"{x}_{plural(act)}" if named else plural(act)
            table = LinkTable(x, y, name, "event", ((given, ()),), loose=True)
            found.acts.append((len(found.tables), y, b.last))
            found.tables.append(table)
    return True


#: Events that are also documents others judge ("each application is scored by reviewers").
_DOCUMENT_EVENTS = frozenset("application submission proposal entry claim".split())


#: Verbs by which things go from one place to another, with the event's noun.
_MOVE_VERBS = {
    "move": "movement",
    "shift": "movement",
    "relocate": "relocation",
    "rotate": "movement",
    "transfer": "transfer",
}


def _to_another(tokens: list[Token], b: _Group) -> list[str]:
    """ "to another" after "from one B" ("moved from one warehouse to another"): the words that
    make the move go between two Bs."""
    words = [t.text for t in tokens[b.last + 1 : b.last + 3]]
    return ["to"] if words[:1] == ["to"] and words[1:2] in (["another"], ["other"]) else []


def _movement(a: _Group, b: _Group, lemma: str, after: list[str], found: _Found) -> bool:
    """ "A is moved between Bs", "A is shipped from one B to another": each move is a row of
    its own, keyed to A and to B twice, as where it left and where it went ("mobs get shifted
    between paddocks": mob_movements with from_paddock_id and to_paddock_id)."""
    between = after[:1] == ["between"] or (after[:1] == ["from"] and "to" in after)
    noun = _MOVE_VERBS.get(lemma) or EVENT_NOUNS.get(lemma)
    if not between or noun is None or (not b.plural and after[:1] == ["between"]):
        return False
    if _eventful(a) or _eventful(b) or any(person_word(k) for k in a.keys):
        return False
    for x, _ in a.items:
        for y, _ in b.items:
            if x != y:
                name = f"{x}_{plural(noun)}" if lemma in _MOVE_VERBS else plural(noun)
                found.tables.append(LinkTable(x, y, name, "event", roles=("from", "to")))
    return True


def _word_after(tokens: list[Token], group: _Group) -> str:
    i = group.last + 1
    return tokens[i].text if i < len(tokens) else ""


def _direct_event(lemma: str, a: _Group) -> bool:
    """Whether "A verb B" makes an event of its own with B as the object: the verb names an
    event with its object as the other party ("adopters adopt cats"), or people do it to
    things ("technicians inspect boilers": inspections of boilers by technicians)."""
    if lemma in _EVENT_DIRECT:
        return True
    return lemma in _ACTS_ON_THINGS and any(person_word(k) for k in a.keys)


def names_events(key: str) -> bool:
    """Whether rows of a (singular) key are events: an event head or a gerund ("booking")."""
    return event_noun(key.rsplit("_", 1)[-1]) or key.endswith("ing")


def _eventful(group: _Group) -> bool:
    """Whether the group names events ("owners book stays" makes stays, not bookings)."""
    return any(names_events(key) for key, _ in group.items)


#: Words that describe a pairing rather than either end ("ingredients with quantities").
_PAIR_WORDS = frozenset(
    "quantity quantities amount amounts percentage percentages share shares role roles "
    "position positions proportion proportions weight weights ratio ratios order sequence "
    "rank ranks count counts".split()
)


def _pair_attributes(tokens: list[Token], last: int) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """ "B with quantities", "B with percentage shares": the pairing's own fields."""
    i = last + 1
    if i >= len(tokens) or tokens[i].text not in {"with", "w"}:
        return ()
    names = []
    words: list[str] = []
    for token in tokens[i + 1 : i + 8]:
        if token.sentence != tokens[last].sentence:
            break
        if token.text in {",", "and", "/"}:
            if words:
                names.append("_".join(words))
            words = []
            continue
        if not token.word or token.text in _PREP or token.text in _PRON:
            break
        if token.text not in _DET:
            words.append(token.base)
    if words:
        names.append("_".join(words))
    if not names or names[0].rsplit("_", 1)[-1] not in _PAIR_WORDS:
        return ()
    return tuple((identifier(n), ()) for n in names)


def _located(
    a: _Group, b: _Group, words: list[str], many: bool, found: _Found, *, strong: bool = False
) -> None:
    """A relates to B through a preposition: A is B's child, or pairs with several Bs."""
    if words[0] == "between" or (words[0] == "from" and "to" in words):
        found.child_of(a, b, "start")
        found.child_of(a, b, "end")
    elif words[0] == "into":
        found.child_of(b, a, strong=False)  # "batches are packaged into kegs", "split into"
    elif many:
        found.pairs(a, b)  # "bottlings are drawn from one or more casks"
    else:
        found.child_of(a, b, strong=strong)


def _places(group: _Group) -> bool:
    """Whether the group names places or groups ("wards", "departments")."""
    from synthdata.analysis.kinds import GROUP_HEADS, PLACE_HEADS

    return any(k.rsplit("_", 1)[-1] in PLACE_HEADS | GROUP_HEADS for k in group.keys)


def _many_before(tokens: list[Token], first: int) -> bool:
    """Whether the words just before a mention say there are several ("several singers",
    "one or more drivers", "two or three guides")."""
    words = [t.text for t in tokens[max(0, first - 3) : first]]
    return _says_many(words) or any(
        w in {"two", "three", "four", "five", "some", "multiple"} for w in words[-1:]
    )


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def _says_many(words: list[str]) -> bool:
    return any(_contains(words, cue) for cue in _MANY_CUES)


_EACH = frozenset({"each", "every", "per"})


def _per_pairs(tokens: list[Token], tags: list[str], mentions: list[Span], found: _Found) -> None:
    """ "each passenger on each flight gets a seat", "recorded per party per case": a row for
    each pair of the two, unless a record named just before is that row ("a box score line per
    player per game" is the box score line's)."""
    ordered = sorted(mentions, key=lambda m: m[1])
    for (a, a_first, a_last, _), (b, b_first, b_last, _) in pairwise(ordered):
        if a == b or a_first < 1 or tokens[a_first - 1].text not in _EACH or a_first != a_last:
            continue  # ("per-player results for each match": the results are the rows)
        between = [t.text for t in tokens[a_last + 1 : b_first]]
        verb_next = b_last + 1 < len(tokens) and tags[b_last + 1] in {"VERB", "AUX"}
        if len(between) == 1 and verb_next:
            continue  # "copies of each book each branch has": the branch says what follows
        if not between or between[-1] not in _EACH or len(between) > 2:
            continue
        if len(between) == 2 and tags[a_last + 1] != "PREP":
            continue
        before = a_first - 2
        same = before >= 0 and tokens[before].sentence == tokens[a_first].sentence
        if same and any(m[2] == before for m in mentions):
            continue  # "a box score line per player per game"
        found.tables.append(LinkTable(a, b, link_name("", a, b)))


_WHICH_BREAK = frozenset({";", ".", ":", "and", "but", "so", "while", "plus"})


def _which_pairs(tokens: list[Token], tags: list[str], mentions: list[Span], found: _Found) -> None:
    """ "we know which cast members appear in which scenes", "we track which lessons each
    learner has completed", "for each concert we book which musicians play it": a question
    over two kinds of records, answered by a row per pair of them."""
    ordered = sorted(mentions, key=lambda m: m[1])

    def lead(first: int) -> str:  # the word before the phrase ("which cast members")
        j = first - 1
        while j >= 0 and first - j <= 3 and tags[j] in {"NOUN", "ADJ", "GER"}:
            j -= 1
        return tokens[j].text if j >= 0 else ""

    for k, (a, a_first, a_last, _) in enumerate(ordered):
        if lead(a_first) != "which":
            continue
        sentence = tokens[a_first].sentence
        record = _which_record(tokens, tags, ordered[:k], a_first)
        if record is not None:
            # "broadcasts say which episode airs on which channel": each broadcast is one
            # such pair, keyed to both
            for b, b_first, _b_last, _ in ordered[k + 1 :]:
                if tokens[b_first].sentence != sentence or b_first - a_last > 6:
                    break
                if b not in {a, record} and lead(b_first) == "which":
                    found.links += [TextLink(record, a, "", True), TextLink(record, b, "", True)]
                    break
            continue
        if not tokens[a_last].plural:
            continue
        other: tuple[str, int] | None = None
        for b, b_first, _b_last, _ in ordered[k + 1 :]:
            between = range(a_last + 1, b_first)
            if tokens[b_first].sentence != sentence or len(between) > 6:
                break
            if any(tokens[i].text in _WHICH_BREAK for i in between):
                break
            if b != a and lead(b_first) in {"which", "each", "every"}:
                other = (b, b_first)
            break
        if other is None:  # "for each concert we book which musicians": the pair is the concert's
            nearest = True
            for b, b_first, b_last, _ in reversed(ordered[:k]):
                between = range(b_last + 1, a_first)
                if tokens[b_first].sentence != sentence or len(between) > 20:
                    break
                if any(tokens[i].text in {";", ".", ":"} for i in between):
                    break
                near = len(between) <= 6 and not any(
                    tokens[i].text in _WHICH_BREAK for i in between
                )
                # "for each concert we draw up the programme and book which musicians play it":
                # the clause's "for each" still scopes the question
                scoped = b_first >= 2 and tokens[b_first - 2].text == "for"
                scoped = scoped and tokens[b_first - 1].text in {"each", "every"}
                if b != a and ((nearest and near and lead(b_first) in _EACH) or scoped):
                    other = (b, b_first)
                    break
                nearest = False
        if other is None:
            continue
        b, b_first = other
        verbs = []  # the question's verb: "which lessons each learner has completed"
        for i in range(a_last + 1, min(len(tokens), max(a_last, b_first) + 6)):
            if tokens[i].sentence != sentence or tokens[i].text in _WHICH_BREAK:
                break
            if tags[i] == "VERB":
                verbs.append(i)
        lemma = _lemma(tokens[verbs[0]].text, "VERB") if verbs else ""
        noun = _NOUN_OF_VERB.get(lemma)
        name = f"{a}_{plural(noun)}" if noun else link_name("", b, a)
        found.tables.append(LinkTable(b, a, name, "link", (), True))


def _which_record(
    tokens: list[Token], tags: list[str], before: list[Span], which: int
) -> str | None:
    """The records a "which ... which ..." question is said of: "broadcasts say which ...",
    "test drives record which ..."."""
    if not before:
        return None
    key, _first, last, _ = before[-1]
    j = which - 2  # the word before "which"
    if j < 0 or tokens[which - 1].text != "which":
        return None
    while j > last and tags[j] in {"ADV", "AUX"}:
        j -= 1
    if j != last + 1 or tags[j] != "VERB" or tokens[j].sentence != tokens[which].sentence:
        return None
    if _lemma(tokens[j].text, "VERB") not in {"say", "record", "show", "log", "note", "store"}:
        return None
    return key


def _per_lists(tokens: list[Token], mentions: list[Span], found: _Found) -> None:
    """ "per client: employees, pay schedule, pay runs": what follows belongs to the client."""
    ordered = sorted(mentions, key=lambda m: m[1])
    for k, (key, first, last, _) in enumerate(ordered):
        lead = tokens[first - 1].text if first else ""
        if lead not in {"per", "each", "every"} or last + 1 >= len(tokens):
            continue
        if tokens[last + 1].text != ":":
            continue
        for other, o_first, _o_last, _ in ordered[k + 1 :]:
            between = tokens[last + 1 : o_first]
            if tokens[o_first].sentence != tokens[last].sentence or any(
                t.text in {";", "."} for t in between
            ):
                break
            if other != key:
                found.listing.append(TextLink(other, key, "", True))


def _self_phrases(tokens: list[Token], mentions: list[Span], found: _Found) -> None:
    """ "parent sample", "prerequisite courses", "reports to an editor who is also a journalist"."""
    for key, first, _last, mention_role in mentions:
        if mention_role in SELF_ROLES:  # "a parent sample" said of samples
            found.selfs.append(SelfRef(key, SELF_ROLES[mention_role]))
            continue
        before = tokens[first - 1] if first else None
        if before is None or before.sentence != tokens[first].sentence:
            continue
        role = SELF_ROLES.get(before.base)
        if role == "prerequisite":
            found.tables.append(LinkTable(key, key, f"{key}_prerequisites"))
        elif role:
            found.selfs.append(SelfRef(key, role))
    for i, token in enumerate(tokens):
        if token.text not in _REPORTS or i + 1 >= len(tokens) or tokens[i + 1].text != "to":
            continue
        subject = next(
            (
                m
                for m in sorted(mentions, key=lambda m: -m[1])
                if m[2] < i and tokens[m[2]].sentence == token.sentence
            ),
            None,
        )
        if subject is None:
            continue
        j = i + 2
        while j < len(tokens) and tokens[j].text in _DET:
            j += 1
        if j < len(tokens) and tokens[j].word:
            target = next((m for m in mentions if m[1] == j), None)
            if target is None or target[0] == subject[0]:
                found.selfs.append(SelfRef(subject[0], identifier(tokens[j].base)))


# -- attributes ------------------------------------------------------------------------------

_LIST_LEADS = frozenset({"(", "with", "w", "=", ":", "has", "have", "including", "-"})
#: Words that name a field of a record (a parenthesis of them lists fields, not examples).
FIELD_WORDS = frozenset(
    "name number code type size material diameter colour color species age height weight grade "
    "rating status severity title note notes description amount price cost fee date time year "
    "level score capacity seat seats section quantity unit model make brand serial version area "
    "volume length width depth duration distance speed heading odometer reason outcome result "
    "priority category hostname owner criticality location address phone email sex gender "
    "breed rank role position percentage share balance limit rate term salary dob id index "
    "count total frequency method source flag label tag comment comments value".split()
)
_KEEP_VERBS = frozenset(
    "keep keeps record records store stores track tracks log logs capture captures hold holds "
    "need needs note notes want".split()
)
_ITEM_BREAK = frozenset({")", ";", ".", "so", "because", "which", "who", "that", "where"})


def _attributes(tokens: list[Token], tags: list[str], mentions: list[Span], found: _Found) -> None:
    """Lists of fields the text gives a thing: "pipe segments (material, diameter, install
    year)", "each delivery = dropoff address, zone, fee", "each cat has a colour and an intake
    date", "for each stand we keep area, age and site index". An item that names another thing
    is a key to it instead ("each delivery = ..., zone" → the delivery's zone)."""
    keys_at = {}
    plural_of: dict[str, bool] = {}  # a listed thing in the plural is a child, not a field
    for key, first, last, _ in mentions:
        for i in range(first, last + 1):
            keys_at[i] = key
    ends = {m[2]: m[0] for m in mentions}
    in_list: dict[str, set[str]] = {}  # thing → owners whose field lists name it
    listed_at: set[int] = set()
    field_at: set[int] = set()  # read as a field with values or as a measure
    for key, first, last, _ in mentions:
        start = _list_start(tokens, tags, first, last, frozenset(keys_at))
        if start is None:
            continue
        if first >= 2 and tokens[first - 1].text == "per" and first - 2 in ends:
            key = ends[first - 2]  # "harvests per block with tonnage and brix": the harvests
        elif (
            first >= 3
            and [t.text for t in tokens[first - 2 : first]] == ["for", "each"]
            and first - 3 in ends
            and tokens[start - 1].text == "("
        ):
            key = ends[first - 3]  # "results for each match (placement, kills)": the results

        key = _list_owner(tokens, tags, mentions, key, first, start)
        seen: set[int] = set()
        valued: set[int] = set()
        items = _items(tokens, tags, start, keys_at, seen, valued)
        if items and items[0][0][-1:] and items[0][0][-1] in _PAIR_WORDS:
            continue  # "ingredients with quantities": fields of the pairing, not of B
        plural_of = {}
        for k, first_, last_, _ in sorted(mentions, key=lambda m: m[1]):
            if first_ >= start:
                plural_of.setdefault(k, tokens[last_].plural)
        if tokens[start - 1].text == "(" and not _fieldlike(items):
            continue  # "zones (lekki, ikeja, yaba)": examples, not fields
        verb_with = start >= 3 and start - 3 in keys_at and start - 2 not in keys_at
        verb_with = verb_with and tokens[start - 1].text in {"with", "w"}
        if verb_with and (not _fieldlike(items) or any(thing for _, _, thing in items)):
            continue  # "farmers arrive with trailers": a verb's object, not fields
        _add_items(key, items, plural_of, found)
        for i in valued:
            in_list.setdefault(keys_at[i], set()).add(key)
            listed_at.add(i)
            field_at.add(i)
        if any(thing is None for _, _, thing in items):  # a list of fields, not of things
            fields = sum(1 for _, _, thing in items if thing is None)
            counts = fields >= 2 and fields >= 2 * (len(items) - fields)
            for i in seen:  # "points", but not "deductions (401k, health)": kinds of records
                if not tokens[i].plural and not person_word(keys_at[i]):
                    # "a barcode, a shelf mark and a condition": one apiece, a field unless
                    # the catalogue knows it as a record of this business (analyze decides)
                    in_list.setdefault(keys_at[i], set()).add(key)
                    listed_at.add(i)
                    found.add_field(key, keys_at[i])
                    continue
                if tokens[i].plural and (i + 1 >= len(tokens) or tokens[i + 1].text != "("):
                    in_list.setdefault(keys_at[i], set()).add(key)
                    listed_at.add(i)
                    if counts and i + 1 < len(tokens) and keys_at.get(i + 1) != keys_at[i]:
                        # "address, asking price, bedrooms, bathrooms": how many, a field
                        found.add_field(key, identifier(tokens[i].text.lower()))
        for i in _one_with(tokens, start, seen):
            in_list.setdefault(keys_at[i], set()).add(key)
            listed_at.add(i)
    _pronoun_lists(tokens, tags, mentions, keys_at, found)
    for thing, owners in in_list.items():
        spans = [m for m in mentions if m[0] == thing]
        if len(owners) == 1 and thing not in owners and all(m[2] in listed_at for m in spans):
            found.listed[thing] = next(iter(owners))
        elif thing not in owners and all(m[2] in field_at for m in spans):
            found.listed[thing] = min(owners)  # "branches: name, address; listings: address"


_OBJECT_LEADS = frozenset({"a", "an", "the", "one", "each", "every", "its", "their", "our"})


def _list_owner(
    tokens: list[Token], tags: list[str], mentions: list[Span], key: str, first: int, start: int
) -> str:
    """Whose fields a list gives. The thing named just before it, unless that thing sits in a
    prepositional phrase of a clause about another: then the clause's record, the event its
    verb makes if it names one ("buyers make offers on listings - amount, date": the offers'),
    else its subject ("listings, each handled by one agent: address, price": the listings').
    A list after "and have" is the subject's ("agents work at one branch and have a name")."""
    j = first - 1
    while j >= 0 and tokens[j].text in _OBJECT_LEADS:
        j -= 1
    lead = tokens[start - 1].text if start > 0 else ""
    coordinated = lead in {"has", "have", "with"} and start >= 2 and tokens[start - 2].text == "and"
    if not coordinated and (j < 0 or tokens[j].text not in _PREP or tokens[j].text == "of"):
        return key
    sentence = tokens[first].sentence
    clause = sorted(
        (m for m in mentions if tokens[m[1]].sentence == sentence and m[2] < first),
        key=lambda m: m[1],
    )
    if not clause:
        return key
    subject = clause[0]
    opening = [t for t in tokens[: subject[1]] if t.sentence == sentence and t.word]
    if len(opening) > 2 and not coordinated:
        return key  # no subject opens the sentence
    for other in clause[1:]:
        k = other[1] - 1
        while k >= 0 and tokens[k].text in _OBJECT_LEADS:
            k -= 1
        if k >= 0 and tags[k] == "VERB" and event_noun(other[0].rsplit("_", 1)[-1]):
            return other[0]  # the record the verb makes
    return subject[0]


def _one_with(tokens: list[Token], start: int, seen: set[int]) -> list[int]:
    """Things named one apiece in a "with" list ("campaigns with a funding goal and deadline"):
    what each row has one of, a field unless the text names it elsewhere as a record."""
    if start < 1 or not any(t.text in {"with", "w"} for t in tokens[max(0, start - 3) : start]):
        return []
    if seen and any(t.text == "or" for t in tokens[start : max(seen) + 1]):
        return []  # "with an app account or a card": either thing, each a record
    return [i for i in seen if not tokens[i].plural]


def _pronoun_lists(
    tokens: list[Token],
    tags: list[str],
    mentions: list[Span],
    keys_at: dict[int, str],
    found: _Found,
) -> None:
    """ "... vaccination records, so those need expiry dates": fields of the thing just named."""
    for i, token in enumerate(tokens[:-2]):
        if token.text not in {"those", "these", "they", "each"}:
            continue
        if tokens[i + 1].text not in {"need", "needs", "have", "has", "require", "requires"}:
            continue
        before = [m for m in mentions if m[2] < i and i - m[2] <= 12]
        if not before:
            continue
        key = max(before, key=lambda m: m[2])[0]
        items = _items(tokens, tags, i + 2, keys_at)
        _add_items(key, items, {}, found)


def _add_items(
    key: str,
    items: list[tuple[list[str], tuple[str, ...], str | None]],
    plural_of: dict[str, bool],
    found: _Found,
) -> None:
    """An owner's listed items: fields, or keys to the things they name."""
    for words, choices, thing in items:
        if thing is not None:
            if thing != key and _says_many(words) and person_word(thing):
                # "a paper has a title and a list of co-authors": a pairing with the authors,
                # people being in many records (but "multiple saved addresses" are theirs)
                found.tables.append(LinkTable(key, thing, link_name("", key, thing)))
            elif thing != key and not plural_of.get(thing, False):
                found.links.append(TextLink(key, thing, "", False))
            continue
        name = identifier("_".join(words))
        if len(name) > 1:
            found.add_field(key, name, choices)


def _list_start(
    tokens: list[Token],
    tags: list[str],
    first: int,
    last: int,
    mentioned: frozenset[int] = frozenset(),
) -> int | None:
    """Where a list of the mention's fields starts, if one follows it (``mentioned``: the
    tokens of mentions, which end a phrase between the mention and its list)."""
    sentence = tokens[last].sentence
    i = last + 1
    if i >= len(tokens) or tokens[i].sentence != sentence:
        return None
    word = tokens[i].text
    if word in {"is", "are"} and i + 2 < len(tokens) and tokens[i + 2].text == "with":
        return i + 3  # "every session is logged with notes and a pain score"
    if (
        _can_be_verb(tokens[i])
        and i + 1 < len(tokens)
        and tokens[i + 1].text in {"with", "w"}
        and tokens[last].plural
    ):
        i += 1  # "buyers register with name, email and phone": theirs, if they are fields
        word = tokens[i].text
    if word in {"in", "at", "on", "of", "from", "under"} and tags[i] == "PREP":
        # "objects in the collection have an accession number, …": the subject's list
        for j in range(i + 1, min(len(tokens), i + 5)):
            if tokens[j].sentence != sentence or j in mentioned:
                break
            if tokens[j].text in {"has", "have"}:
                i, word = j, tokens[j].text
                break
    if word == "and" and i + 1 < len(tokens) and tokens[i + 1].text in {"has", "have"}:
        i += 1  # "agents work at one branch and have a name, email and ...": see _list_owner
        word = tokens[i].text
    if word in _LIST_LEADS:
        j = i + 1
        while j < len(tokens) and tokens[j].text in {"a", "an", "the", "its", "their"}:
            j += 1
        return j
    # "for each stand we keep area in hectares, ...": the mention after "for each"
    if (
        first >= 2
        and tokens[first - 1].text in {"each", "every"}
        and tokens[first - 2].text
        in {
            "for",
            "per",
        }
    ):
        j = last + 1
        while j < min(len(tokens), last + 4) and tokens[j].text not in _KEEP_VERBS:
            j += 1
        if j < len(tokens) and tokens[j].text in _KEEP_VERBS:
            return j + 1
    return None


#: Words that bound a count ("up to eight", "at least two", "at most four").
_BOUNDS = frozenset({("up", "to"), ("at", "least"), ("at", "most")})


def _items(
    tokens: list[Token],
    tags: list[str],
    start: int,
    keys_at: dict[int, str],
    seen: set[int] | None = None,
    valued: set[int] | None = None,
) -> list[tuple[list[str], tuple[str, ...], str | None]]:
    """The items of a list: words, the choices given in parentheses, or the thing it names
    (whose token indexes go to ``seen``; those of a thing given values, "a mode (sea, air)",
    to ``valued``)."""
    sentence = tokens[start].sentence if start < len(tokens) else -1
    out: list[tuple[list[str], tuple[str, ...], str | None]] = []
    words: list[str] = []
    thing: str | None = None
    choices: tuple[str, ...] = ()
    i = start
    item_start = start
    while i < len(tokens) and tokens[i].sentence == sentence and len(out) < 12:
        token = tokens[i]
        if i + 1 < len(tokens) and (token.text, tokens[i + 1].text) in _BOUNDS:
            i += 2  # "up to eight students": a count of the thing, not a field named "up"
            continue
        ends_item = i + 1 >= len(tokens) or tokens[i + 1].text in {",", "and", "or", ")"}
        if (
            tags[i] == "VERB"
            and (token.text.endswith(("ed", "en", "wn")) or _participle(token.text))
            and ends_item
            and (words or thing)
        ):
            # "darts thrown", "hours worked": a measure of the row, not a clause
            words = [t.text for t in tokens[item_start:i] if t.word] + [token.text]
            if thing is not None and seen is not None:
                seen.difference_update(range(item_start, i))
            thing = None
            i += 1
            continue
        if token.text in _EXAMPLE_LEADS | {"ie", "i.e", "eg", "e.g", "viz"}:
            # "a type, e.g. checkups or consultations": the values of the item before
            stop = i + 1
            while (
                stop < len(tokens)
                and tokens[stop].sentence == sentence
                and tokens[stop].text not in {";", ":", ")", "("}
                and tags[stop] not in {"VERB", "AUX"}
            ):
                stop += 1
            values = _values(tokens, i + 1, stop)
            if words or thing:
                out.append((words, choices, thing))
                words, thing, choices = [], None, ()
            if values and out and out[-1][2] is None and not out[-1][1]:
                out[-1] = (out[-1][0], values, None)
            if seen is not None:
                seen.difference_update(range(i, stop))
            break
        if token.text == ")" and words and not thing:
            break  # "plots (survey number, area in cents)": the last item ends the list
        if (
            tags[i] == "VERB"
            and token.text.endswith("ing")
            and not words
            and thing is None
            and i + 1 < len(tokens)
            and tags[i + 1] in {"NOUN", "ADJ"}
            and i + 1 not in keys_at
        ):
            words.append(token.text)  # "asking price", "opening hours": a word of the field
            i += 1
            continue
        if token.text in {"who", "whom"} and thing is not None and not words:
            break  # "and a manager who is an employee": the last item, described
        if token.text in _ITEM_BREAK or tags[i] in {"VERB", "AUX", "PRON"}:
            # "coin operated washers", ", and bottlings are done from ...": the words before a
            # verb are not an item but the subject of what follows
            if tags[i] in {"VERB", "AUX"} and thing is not None and seen is not None:
                seen.difference_update(j for j in range(start, i) if keys_at.get(j) == thing)
            words, thing = [], None
            break
        if token.text == "(":
            close = next(
                (j for j in range(i + 1, min(len(tokens), i + 12)) if tokens[j].text == ")"), None
            )
            if close is None:
                break
            values = _values(tokens, i + 1, close)
            if words and values:
                choices = values
            elif (
                thing is not None
                and values
                and not tokens[i - 1].plural
                and not any(j in keys_at for j in range(i + 1, close))
            ):
                # "a mode (sea, air, road)": a field with these values, not a table of modes
                named = [j for j in range(item_start, i) if keys_at.get(j) == thing]
                words = [tokens[j].base for j in named]
                choices, thing = values, None
                if seen is not None:
                    seen.difference_update(named)
                if valued is not None:
                    valued.update(named)
            i = close + 1
            continue
        if token.text in {",", "and", "or", "+", "/", "plus", "&"}:
            if words or thing:
                out.append((words, choices, thing))
            words, thing, choices = [], None, ()
            i += 1
            item_start = i
            continue
        if token.text in {"a", "an", "the", "its", "their", "each", "per", "any"}:
            i += 1
            continue
        if token.text in _PREP and token.text not in {"of"}:
            # "area in hectares", "volume per hectare": a unit, not another item; a unit the
            # text states the measure in names the field ("area in cents" → area_cents)
            unit = _stated_unit(tokens, i) if words and token.text == "in" else None
            if unit and unit != words[-1]:
                words.append(unit)
            while (
                i < len(tokens)
                and tokens[i].text not in {",", "and", ")", "."}
                and (tokens[i].sentence == sentence)
            ):
                i += 1
            continue
        if not token.word and not token.text[0].isdigit():
            break
        if i in keys_at and _measured(tokens, keys_at, i, words):
            # "a name, budget and a manager", "capacity and average attendance": a measure
            # of the row named like a record elsewhere is still a field here
            last = _mention_end(tokens, keys_at, i)
            words.extend(t.base for t in tokens[i : last + 1] if t.word)
            if valued is not None:
                valued.update(range(i, last + 1))
            i = last + 1
            continue
        if i in keys_at:
            thing = keys_at[i]
            if seen is not None:
                seen.add(i)
        elif (
            thing is not None
            and not words
            and token.base in FIELD_WORDS
            and (i + 1 >= len(tokens) or tokens[i + 1].text in {",", "and", "or", ")", ";", "."})
        ):
            # "an accession number", "a cover type (…)", "insurance value": the thing names
            # the field, it is not the field's record
            named = [j for j in range(item_start, i) if keys_at.get(j) == thing]
            words = [tokens[j].base for j in named] + [token.base]
            thing = None
            if seen is not None:
                seen.difference_update(named)
            if valued is not None:
                valued.update(named)
        elif token.word and tags[i] not in {"NUM"}:
            words.append(_count_word(token))
        i += 1
        if len(words) > 4:
            break
    if words or thing:
        out.append((words, choices, thing))
    return [item for item in out if item[2] is not None or _fieldish(item[0])]


#: Words before a noun that make it a measure of the row ("average attendance", "total
#: budget"), not a record of its own.
_MEASURE_WORDS = frozenset(
    "average mean total maximum max minimum min median annual monthly daily yearly weekly "
    "estimated expected actual current starting opening closing".split()
)


def _measured(tokens: list[Token], keys_at: dict[int, str], i: int, words: list[str]) -> bool:
    """Whether the thing named at ``i``, singular in a list of a record's fields, is a measure
    of that record: a word whose field type is a number, money or a date ("budget",
    "deadline"), or one led by a measure word ("average attendance")."""
    if i > 0 and keys_at.get(i - 1) == keys_at[i]:
        return False  # inside a mention already read
    if tokens[_mention_end(tokens, keys_at, i)].plural or person_word(keys_at[i]):
        return False
    if words and words[-1] in _MEASURE_WORDS:
        return True
    return _measure_word(keys_at[i])


def _mention_end(tokens: list[Token], keys_at: dict[int, str], i: int) -> int:
    """The last token of the mention that starts at ``i``."""
    last = i
    while last + 1 < len(tokens) and keys_at.get(last + 1) == keys_at[i]:
        last += 1
    return last


def _measure_word(key: str) -> bool:
    """Whether a thing's name, as a field, has a type of its own: a number, money, a date, an
    address, a code or a choice ("budget", "deadline", "address", "category"): in a list of
    a record's fields it is one of them more often than a record."""
    from synthdata.analysis.naming import field_from_name
    from synthdata.schema import FieldType

    kind = field_from_name(key).type
    return kind is not FieldType.STRING and kind is not FieldType.TEXT


def _count_word(token: Token) -> str:
    """A word of a field's name: its base form, but a plural that counts ("kills", "assists")
    keeps its plural when only the plural names a count."""
    from synthdata.analysis.naming import field_from_name
    from synthdata.schema import FieldType

    if not token.plural or token.base == token.text:
        return token.base
    text = token.text.lower()
    if (
        field_from_name(text).type is FieldType.INTEGER
        and field_from_name(token.base).type is FieldType.STRING
    ):
        return text
    return token.base


def _stated_unit(tokens: list[Token], at: int) -> str | None:
    """The field-name suffix of the unit after "in" at ``at`` ("in cents", "in square
    metres"), or None when what follows is not a unit of measure."""
    from synthdata.analysis.naming import UNITS

    for width in (2, 1):
        words = [t.text.lower() for t in tokens[at + 1 : at + 1 + width]]
        if len(words) == width and " ".join(words) in UNITS:
            return UNITS[" ".join(words)][0]
    return None


def _fieldlike(items: list[tuple[list[str], tuple[str, ...], str | None]]) -> bool:
    """Whether most items of a parenthesis name fields ("material, diameter, install year")."""
    from synthdata.analysis.naming import field_from_name
    from synthdata.schema import FieldType

    named = [w for w, _, thing in items if thing is None and w]
    if not named:
        return False
    fields = sum(
        1
        for words in named
        if words[-1] in FIELD_WORDS
        or field_from_name(identifier("_".join(words))).type is not FieldType.STRING
    )
    return fields * 2 >= len(named)


def _fieldish(words: list[str]) -> bool:
    """Whether words name a field: a short phrase of nouns and adjectives."""
    return 1 <= len(words) <= 4 and all(w.isalpha() and len(w) > 1 for w in words)


def _values(tokens: list[Token], start: int, stop: int) -> tuple[str, ...]:
    """Choices written in parentheses: "(producing/SI/P&A)", "(spruce, pine, birch)"."""
    values: list[str] = []
    current: list[str] = []
    for token in tokens[start:stop]:
        if token.text in {",", "/", "or", "and"}:
            if current:
                values.append(" ".join(current))
            current = []
        elif token.text in {"e", "g", "eg", "e.g", "etc", "like", "such", "as", "ie", "i.e"}:
            continue
        else:
            current.append(token.text)
    if current:
        values.append(" ".join(current))
    values = [v for v in values if v]
    return tuple(dict.fromkeys(values)) if 2 <= len(values) <= 12 else ()


# -- roles that are another thing -------------------------------------------------------------

_ALSO = frozenset({"also", "too", "well", "themselves", "itself", "right"})


def roles_of_kinds(tokens: list[Token], mentions: list[Span]) -> dict[str, str]:
    """Things the text says are another thing it names, in a role: "an editor who is also a
    journalist", "sergeants are officers as well", "aliquots, which are samples in their own
    right". The role is a row of the kind (a key or flag on it), not a table of its own. A
    plain "X are Y or Z" gives kinds of X, not this; the word "also", "as well", "too" or "in
    their own right" must say it."""
    by_first = {m[1]: m for m in mentions}
    out: dict[str, str] = {}
    for role, _first, last, _ in mentions:
        i = last + 1
        if i < len(tokens) and tokens[i].text == ",":
            i += 1
        if i < len(tokens) and tokens[i].text in {"who", "which", "that"}:
            i += 1
        if i >= len(tokens) or tokens[i].text not in {"is", "are"}:
            continue
        # "a manager who is an employee": one of a record's people, said to be another thing
        one = tokens[i - 1].text in {"who", "which", "that"} and not tokens[last].plural
        i += 1
        said = one or (i < len(tokens) and tokens[i].text == "also")
        if said:
            i += 1
        while i < len(tokens) and tokens[i].text in {"a", "an", "the", "our"}:
            i += 1
        kind = by_first.get(i)
        if kind is None or kind[0] == role or tokens[kind[2]].sentence != tokens[last].sentence:
            continue
        j = kind[2] + 1
        after = [t.text for t in tokens[j : j + 6] if t.sentence == tokens[i].sentence]
        listed = after[:1] and after[0] in {"and", ","} and j + 1 in by_first
        if after[:1] and (after[0] in {"or", "/"} or listed):
            continue  # "parties are people or organisations": kinds of parties
        if said or any(word in _ALSO for word in after[:5]):
            out[role] = kind[0]
    return out


_BOTH = frozenset({"both", "all", "each"})


def roles_in_apposition(
    tokens: list[Token], mentions: list[Span]
) -> list[tuple[str, list[str], list[str], str]]:
    """People a record names in a list that the text then says are all one thing it names: "a
    captain and a first officer, both of them pilots", "a referee and two linesmen, all
    officials". Each is a role of that thing (a key to it), not a table or a field of its own.
    Gives (kind, role mentions, role words not mentioned, the sentence's first thing) per list."""
    by_first = {m[1]: m for m in mentions}
    by_last = {m[2]: m for m in mentions}
    out: list[tuple[str, list[str], list[str], str]] = []
    for i, tok in enumerate(tokens):
        if tok.text not in _BOTH or i == 0 or tokens[i - 1].text != ",":
            continue
        j = i + 1
        if j + 1 < len(tokens) and tokens[j].text == "of" and tokens[j + 1].text == "them":
            j += 2
        while j < len(tokens) and tokens[j].text in {"a", "an"}:
            j += 1
        kind = by_first.get(j)
        if kind is None and j < len(tokens) and tokens[j].word:  # a thing named elsewhere
            base = tokens[j].base
            kind = next(
                ((m[0], j, j, "") for m in mentions if m[1] == m[2] and tokens[m[1]].base == base),
                None,
            )
        if kind is None or tokens[kind[2]].sentence != tok.sentence:
            continue
        after = kind[2] + 1
        if after < len(tokens) and tokens[after].sentence == tok.sentence and tokens[after].word:
            continue  # "..., both pilot licences": a longer phrase, not the kind
        # the list before the comma, read backwards: items joined by "and" / ",", each a
        # mention (its modifiers aside) or words, ending at a determiner or the glue
        roles: list[str] = []
        words: list[str] = []
        item: list[str] = []
        named: str | None = None
        closed = False
        k = i - 2
        while k >= 0 and tokens[k].sentence == tok.sentence:
            text = tokens[k].text
            if text in {"and", ","}:
                if not item and named is None:
                    break
                if named is not None:
                    roles.append(named)
                elif item:
                    words.append("_".join(reversed(item)))
                item, named, closed = [], None, False
            elif closed:
                break
            elif text in {"a", "an", "one", "the", "two"} or text.isdigit():
                closed = True
            elif k in by_last and not item and named is None:
                named = by_last[k][0]
                k = by_last[k][1]
            elif tokens[k].word:
                item.append(text.lower())
            else:
                break
            k -= 1
        if closed and named is not None:
            roles.append(named)
        elif closed and item:
            words.append("_".join(reversed(item)))
        if len(roles) + len(words) < 2 or kind[0] in roles:
            continue
        subject = next(m[0] for m in mentions if tokens[m[1]].sentence == tok.sentence)
        out.append((kind[0], roles, words, subject))
    return out


# -- kinds of a thing -----------------------------------------------------------------------------

_KIND_GLUE = frozenset({",", "and", "or", "/"})


def _kind_items(
    tokens: list[Token], tags: list[str], start: int, by_first: dict[int, Span]
) -> list[tuple[str, str]]:
    """The items of a list of nouns from ``start``: (mention key or "", words), up to the first
    word that is not a noun, adjective or list glue ("nurses, healthcare assistants and
    kitchen; ..." → three items)."""
    items: list[tuple[str, str]] = []
    words: list[str] = []
    key = ""
    i = start
    sentence = tokens[start].sentence if start < len(tokens) else -1
    while i < len(tokens) and tokens[i].sentence == sentence:
        if tokens[i].text in _KIND_GLUE:
            if words:
                items.append((key, " ".join(words)))
            words, key = [], ""
        elif tags[i] in {"NOUN", "ADJ", "GER"} and tokens[i].word:
            if i in by_first and not words:
                key = by_first[i][0]
            words.append(tokens[i].base)
        else:
            break
        i += 1
    if words and (i >= len(tokens) or tokens[i].text not in {"(", "of"}):
        items.append((key, " ".join(words)))
    return items


def kinds_of_things(
    tokens: list[Token], tags: list[str], mentions: list[Span]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """Things the text names as kinds of another: "Staff are nurses, care assistants and
    cooks" (kinds of staff), "fires, floods and other incidents" (kinds of incidents). Each
    is (kind, thing, the kinds' names): the kinds are values of a type field of the thing,
    not tables of their own."""
    by_first = {m[1]: m for m in mentions}
    by_last = {m[2]: m for m in mentions}
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for i, token in enumerate(tokens):
        thing = by_last.get(i - 1)
        if token.text == "are" and thing is not None and i + 1 < len(tokens):
            if i >= 2 and tokens[thing[1] - 1].text in {"which", "who", "that"}:
                continue
            start = i + 2 if tokens[i + 1].text == "other" else i + 1  # "are other museums"
            items = _kind_items(tokens, tags, start, by_first)
            if len(items) < 2 or any(w in _ALSO for _, w in items):
                continue
            names = tuple(w for _, w in items)
            out.extend((key, thing[0], names) for key, _ in items if key and key != thing[0])
        if token.text == "other" and i >= 2 and tokens[i - 1].text in {"and", "or"}:
            kind_of = by_first.get(i + 1)
            if kind_of is None or not tokens[kind_of[2]].plural:
                continue
            k = i - 2  # back over "falls, pressure sores"
            while (
                k > 0
                and tags[k - 1] in {"NOUN", "ADJ", "GER"} | {"PUNCT"}
                and (tags[k - 1] != "PUNCT" or tokens[k - 1].text == ",")
            ):
                k -= 1
            items = _kind_items(tokens, tags, k, by_first)
            items = [item for item in items if item[0] != kind_of[0]]
            if len(items) < 2:
                continue
            names = tuple(w for _, w in items)
            out.extend((key, kind_of[0], names) for key, _ in items if key)
    return out


# -- events that recur on one thing ----------------------------------------------------------

#: Nouns of acts done to a thing again and again ("meters are read monthly": readings),
#: beside the event verbs.
_RECURRING_NOUNS = {
    "renew": "renewal",
    "service": "service",
    "clean": "cleaning",
    "calibrate": "calibration",
    "test": "test",
    "check": "check",
    "groom": "grooming",
    "feed": "feeding",
    "shear": "shearing",
    "read": "reading",
    "measure": "measurement",
    "maintain": "maintenance",
    "sample": "sampling",
    "count": "count",
    "restock": "restock",
    "water": "watering",
    "score": "scoring",
    "photograph": "photo",
    "survey": "survey",
}
#: Words that say something happens again and again.
_EVERY_ADVERBS = frozenset(
    "daily weekly monthly yearly annually quarterly nightly hourly fortnightly biweekly "
    "regularly periodically routinely".split()
)
_TIME_UNITS = frozenset(
    "day week month year quarter season shift morning evening night hour fortnight term "
    "semester visit".split()
)


def _recurs(tokens: list[Token], start: int, stop: int) -> bool:
    """Whether words in [start, stop) say the act recurs ("monthly", "each year", "every six
    weeks", "twice a day")."""
    for i in range(start, min(stop, len(tokens))):
        text = tokens[i].text
        if text in _EVERY_ADVERBS:
            return True
        if text in {"each", "every", "per", "a", "an"} and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            unit = tokens[i + 2] if i + 2 < len(tokens) else nxt
            if nxt.base in _TIME_UNITS or (
                (nxt.text[:1].isdigit() or nxt.text in _NUMBER_WORDS) and unit.base in _TIME_UNITS
            ):
                if text in {"a", "an"} and tokens[i - 1].text not in {"once", "twice", "times"}:
                    continue
                return True
    return False


def _after_party_prep(tokens: list[Token], tags: list[str], first: int) -> bool:
    """Whether the noun phrase at ``first`` follows "to", "from" or "at" (past its
    determiners and modifiers): the party an act goes to ("deliver batches to the sites")."""
    k = first - 1
    while k >= 0 and tags[k] in {"DET", "ADJ", "NUM", "NOUN"}:
        k -= 1
    return k >= 0 and tokens[k].text in {"to", "from", "at"}


def recurring_events(
    tokens: list[Token], tags: list[str], mentions: list[Span]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """Acts the text says are done to one thing again and again, each time a row: (thing,
    the act's noun, the doer and the parties it goes to). "Each calf is weighed monthly" →
    (calf, weighing, ()); "members renew their memberships each year" → (membership, renewal,
    (member,)); "vans deliver batches to the sites each morning" → (batch, delivery, (van,
    site))."""
    ends = {last: key for key, _, last, _ in mentions}
    starts = {first: key for key, first, _, _ in mentions}
    out = []
    for v, token in enumerate(tokens):
        if tags[v] != "VERB":
            continue
        lemma = _lemma(token.text, "VERB")
        noun = _RECURRING_NOUNS.get(lemma) or EVENT_NOUNS.get(lemma)
        if noun is None:
            continue
        stop = next(
            (j for j in range(v + 1, len(tokens)) if tokens[j].text in {".", ";", ",", "and"}),
            len(tokens),
        )
        if not _recurs(tokens, v + 1, stop):
            continue
        k = v - 1
        while k >= 0 and (tokens[k].text in _PASSIVE or tags[k] == "ADV"):
            k -= 1
        passive = k < v - 1 and any(tokens[j].text in _PASSIVE for j in range(k + 1, v))
        parties = tuple(
            key
            for key, first, _, _ in mentions
            if v < first < stop and _after_party_prep(tokens, tags, first)
        )
        if passive and k in ends and token.text.endswith(("ed", "en")):
            out.append((ends[k], noun, parties))
            continue
        j = v + 1
        while j < len(tokens) and j not in starts and tags[j] in {"DET", "ADJ", "NUM", "NOUN"}:
            j += 1
        if not passive and j in starts:
            doer = (ends[k],) if k in ends else ()
            out.append((starts[j], noun, doer + tuple(p for p in parties if p != starts[j])))
        elif not passive and k == v - 1 and k in ends and _intransitive(tokens, tags, v):
            out.append((ends[k], noun, tuple(p for p in parties if p != ends[k])))
    return out


# -- kinds of staff on a roster ---------------------------------------------------------------

#: Verbs that put people on duty for something.
_DUTY_VERBS = frozenset(_ROSTER_VERBS | {"staff", "crew", "man"})
#: Nouns for the people of the business as a body.
STAFF_WORDS = frozenset({"staff", "crew", "personnel", "employee", "team", "workforce"})


def staff_kinds(tokens: list[Token], mentions: list[Span]) -> tuple[list[str], str, list[str]]:
    """Kinds of people the text puts on duty together ("drivers and conductors are assigned to
    each run", "staffed with a lead guide plus porters and cooks from our staff"): one table of
    staff with a role, not a table per kind. Returns the kinds, and the mention of the staff
    as a body in the same clause if any ("our staff", "crew members"), else "", and the
    things said to be staffed ("each departure is staffed with ...")."""
    kinds: list[str] = []
    body = ""
    staffed: list[str] = []
    for i, token in enumerate(tokens):
        if not token.word or _lemma(token.text, "VERB") not in _DUTY_VERBS:
            continue
        start, stop = i, i
        while start > 0 and tokens[start - 1].sentence == token.sentence:
            if tokens[start - 1].text in {";", ":", "."}:
                break
            start -= 1
        while stop + 1 < len(tokens) and tokens[stop + 1].sentence == token.sentence:
            if tokens[stop + 1].text in {";", ":", "."}:
                break
            stop += 1
        people = [m for m in mentions if start <= m[1] and m[2] <= stop and person_word(m[0])]
        bodies = [m for m in people if tokens[m[2]].base in STAFF_WORDS]
        named = [m for m in people if m not in bodies]
        joined = [
            m
            for m, n in pairwise(named)
            if all(t.text in {"and", "plus", ",", "or", "&"} for t in tokens[m[2] + 1 : n[1]])
        ]
        if not joined:
            continue
        last = next(n for m, n in pairwise(named) if m == joined[-1])
        for m in [*joined, last]:
            if m[0] not in kinds:
                kinds.append(m[0])
        if bodies and not body:
            body = bodies[0][0]
        if _lemma(token.text, "VERB") in {"staff", "crew", "man"}:
            before = [m for m in mentions if start <= m[1] and m[2] < i and m not in people]
            staffed.extend(m[0] for m in before[-1:] if m[0] not in staffed)
    return kinds, body, staffed


def _intransitive(tokens: list[Token], tags: list[str], v: int) -> bool:
    """Whether a verb takes no object here ("members renew each year", "patients check in
    weekly"): a time word, a preposition or the clause's end comes next."""
    i = v + 1
    while i < len(tokens) and tokens[i].text in _PARTICLES and tags[i] != "PREP":
        i += 1
    return (
        i >= len(tokens)
        or not tokens[i].word
        or tags[i] in {"PREP", "ADV", "CONJ"}
        or (tokens[i].text in {"each", "every"})
    )


def other_names(tokens: list[Token], mentions: list[Span]) -> dict[str, str]:
    """Another name the text gives things in an aside, named only there: "shippers (they are
    our customers)", "growers, who are our members,". The rows are the same; the other name
    is not a table of its own."""
    by_first = {m[1]: m for m in mentions}
    count = Counter(m[0] for m in mentions)
    out: dict[str, str] = {}
    for thing, _first, last, _ in mentions:
        words = [t.text for t in tokens[last + 1 : last + 5]]
        if not tokens[last].plural or words[:3] not in (["(", "they", "are"], [",", "who", "are"]):
            continue
        j = last + 4
        if j < len(tokens) and tokens[j].text in {"our", "the", "my", "your", "their"}:
            j += 1
        said = by_first.get(j)
        if said is None or said[0] == thing or count[said[0]] > 1:
            continue
        end = said[2] + 1
        if (
            end >= len(tokens)
            or tokens[end].text in {")", ","}
            or tokens[end].sentence != tokens[j].sentence
        ):
            out[said[0]] = thing  # the aside ends with the name
    return out


def what_things_are(tokens: list[Token], mentions: list[Span]) -> dict[str, str]:
    """A thing the text says another is, named only there: "a blend is a recipe of several
    lots", "a flight is one operation of a route", "the chart of accounts is a tree". The
    word describes the thing; it is not a table of its own."""
    by_first = {m[1]: m for m in mentions}
    count = Counter(m[0] for m in mentions)
    out: dict[str, str] = {}
    for thing, _first, last, _ in mentions:
        i = last + 1
        if i + 2 >= len(tokens) or tokens[i].text not in {"is", "are"}:
            continue  # "a blend is a recipe ...", "inspections are a pain"
        many = tokens[last].plural and tokens[i + 1].text == "the"  # "listings are the properties"
        if tokens[i + 1].text not in {"a", "an", "one"} and not many:
            continue
        j = i + 2
        while j < len(tokens) and j not in by_first and j - i < 5 and tokens[j].word:
            j += 1  # "an ordered sequence"
        said = by_first.get(j)
        if said is None or said[0] == thing or count[said[0]] > 1:
            continue
        if tokens[said[2]].plural != many:
            continue
        after = tokens[said[2] + 1].text if said[2] + 1 < len(tokens) else ""
        if after in {"and", "or", "who", "that", "which"}:
            continue
        out[said[0]] = thing
    return out


#: Words that open a clause of something happening again and again ("whenever a procedure
#: is carried out", "each time a part is fitted").
_EACH_TIME = frozenset({"whenever", "each time", "every time"})


def noted_events(
    tokens: list[Token], tags: list[str], mentions: list[Span]
) -> list[tuple[str, tuple[str, ...]]]:
    """A thing of a catalogue done again and again, each time a row that names it among
    others: "whenever a repair is done we record the car, the repair and the mechanic" →
    (repair, (car, mechanic)): a row keyed to the car, the repair and the mechanic, not keys
    on the repairs themselves."""
    starts = {first: (key, last) for key, first, last, _ in mentions}
    out = []
    for i, token in enumerate(tokens):
        two = f"{token.text} {tokens[i + 1].text}" if i + 1 < len(tokens) else ""
        if token.text not in _EACH_TIME and two not in _EACH_TIME:
            continue
        j = i + (2 if two in _EACH_TIME else 1)
        while j < len(tokens) and tags[j] in {"DET", "ADJ"}:
            j += 1
        if j not in starts:
            continue
        thing, last = starts[j]
        k = last + 1
        if k >= len(tokens) or tokens[k].text not in _PASSIVE:
            continue
        stop = k
        while stop < len(tokens) and tokens[stop].sentence == token.sentence:
            if tokens[stop].text in {";", ".", ":"}:
                break
            stop += 1
        verb = next(
            (
                v
                for v in range(k + 1, stop)
                if tags[v] == "VERB" and _lemma(tokens[v].text, "VERB") in _RECORD_VERBS
            ),
            None,
        )
        if verb is None:
            continue
        named = [key for key, first, _, _ in mentions if verb < first < stop]
        parties = tuple(dict.fromkeys(key for key in named if key != thing))
        if thing in named and parties:
            out.append((thing, parties))
    return out


#: Heads of a thing's kind ("instance type", "membership tier").
_KIND_WORDS = frozenset("type kind category tier class grade level plan".split())


def kinds_with_fields(
    tokens: list[Token], tags: list[str], mentions: list[Span]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """A kind named among a record's fields with fields of its own in parentheses: "for each
    VM we store the name, instance type (vCPUs, memory, hourly price)" → (virtual_machine,
    instance_type, (vcpus, memory, hourly_price)): a table of the kinds, the record keyed to
    it, not a field with three values."""
    out = []
    taken = {j for _, first, last, _ in mentions for j in range(first, last + 1)}
    for i, token in enumerate(tokens):
        if token.text != "(" or i < 2 or tokens[i - 1].base not in _KIND_WORDS:
            continue
        if tokens[i - 1].plural or (i - 1) in taken or tags[i - 2] != "NOUN" or (i - 2) in taken:
            continue
        if tokens[i - 3].text not in {",", "the", "a", "an", "its", "their", "and"}:
            continue  # one modifier and the kind word, as an item of a list
        close = next(
            (j for j in range(i + 1, min(len(tokens), i + 12)) if tokens[j].text == ")"), None
        )
        if close is None:
            continue
        values = _values(tokens, i + 1, close)
        items: list[tuple[list[str], tuple[str, ...], str | None]] = [
            (v.split(), (), None) for v in values
        ]
        if len(values) < 2 or any(j in taken for j in range(i + 1, close)):
            continue
        if not all(_fieldish(v.split()) for v in values):
            continue
        if not any(_fieldlike([item]) for item in items):
            continue  # "a membership tier (bronze, silver, gold)": the kinds themselves
        before = [m for m in mentions if m[2] < i - 2 and tokens[m[2]].sentence == token.sentence]
        if not before:
            continue
        owner = max(before, key=lambda m: m[2])[0]
        kind = identifier(f"{tokens[i - 2].text}_{tokens[i - 1].text}")
        out.append((owner, kind, tuple(identifier(v.replace(" ", "_")) for v in values)))
    return out


def _head_of_phrase(
    tokens: list[Token], tags: list[str], a: _Group, found: _Found
) -> _Group | None:
    """The thing whose prepositional phrase ``a`` is in ("loans to other institutions"), the
    subject of a verb that follows: the loans, not the institutions."""
    k = a.first - 1
    while k >= 0 and tags[k] in {"DET", "ADJ", "QUANT"}:
        k -= 1
    if k < 1 or tokens[k].text not in {"to", "from", "for", "at", "of"} or tags[k] != "PREP":
        return None
    key = found.ends.get(k - 1)
    if key is None or key in a.keys or tokens[k - 1].sentence != tokens[a.first].sentence:
        return None
    return _Group([(key, "")], k - 1, k - 1, tokens[k - 1].plural, False)
