"""The closed classes of words a grader reads by meaning (the README lists them).

Words a student may add without changing what the answer says: :data:`ARTICLES`,
:data:`TITLES` of persons (with the :data:`OFFICE_WORDS` that make an office of them),
:data:`INTENSIFIERS`, :data:`COUNTERS` after a number, and the question's own noun. Words that
always change it: :data:`NEGATIONS`, :data:`HEDGES` (approximations are allowed only where the
question asks "about how many"), and :data:`CONNECTORS` that join a second candidate. Every other
added word leaves the verdict to a person (``check``).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ARTICLES = frozenset({"the", "a", "an"})

#: Titles and honorifics of persons, the head of an office ("Prime Minister", "Rabbi").
TITLES = _words(
    """
    president minister ministers rabbi dr doctor mr mrs ms miss sir dame madam lord
    lady prof professor ambassador senator congressman congresswoman representative rep sheikh
    imam ayatollah king queen prince princess emir sultan general gen colonel col mp mayor
    governor chairman chairwoman chair secretary envoy consul speaker his her
    excellency hon honorable honourable
    """
)
#: Words that make an office of a title ("Foreign Minister", "Defense Secretary"): they claim
#: something, so they are harmless only before a name and where the question names the office.
OFFICE_WORDS = _words(
    """
    prime vice deputy chief foreign defense interior finance economy economic energy affairs state senior former first
    national security trade justice
    """
)
INTENSIFIERS = frozenset(
    {"very", "really", "truly", "indeed", "exactly", "precisely", "definitely"}
)
#: Nouns that only say what a number counts ("70,000 people").
COUNTERS = _words(
    """
    people persons person individuals residents inhabitants citizens members percent per cent
    times total
    """
)

NEGATIONS = _words(
    """
    not no never neither nor none non isnt arent wasnt werent dont doesnt didnt cannot cant wont
    without nothing nobody hardly
    """
)
#: Words that say how sure, how much or how far the answer holds: never harmless.
HEDGES = _words(
    """
    probably maybe perhaps possibly likely unlikely presumably apparently supposedly allegedly
    think guess believe suppose assume unsure idk partly partially mostly mainly largely
    somewhat almost nearly about approximately approx around roughly ca circa only just
    primarily chiefly basically essentially arguably generally usually often sometimes rarely
    seldom slightly
    """
)
#: Words that qualify a number ("over 70,000", "at least 5"): never harmless before a number.
NUMBER_QUALIFIERS = _words(
    """
    more less fewer over under than least most up to above below some estimated nearly almost
    about approximately approx around roughly ca circa exceeding beyond within
    """
)
#: The qualifiers that say "about" and nothing else: allowed before a number when the question
#: asks "about how many", or the card allows a tolerance.
APPROXIMATIONS = _words("about approximately approx around roughly some ca circa estimated")
#: Words that join a second candidate to the answer.
CONNECTORS = frozenset({"or", "and", "nor", "vs", "versus", "either", "plus"})
#: The joining words that split an answer into parts ("Quba or Baku" is two).
SPLIT_WORDS = frozenset({"or", "and", "nor", "vs", "versus"})

#: Words that open a detail about the answer rather than a second answer ("Quba, in the north").
LINKING = _words(
    """
    in at on near from of for by with to during after before between within inside outside
    who whom whose which that where when because since as is was are were has had have it its
    their his her they he she known called located situated based home while whereas being
    through via like unlike especially particularly including across along among against
    despite thanks due toward towards beside besides near under over into onto upon about
    """
)

#: Prepositions that may open an answer without changing it ("in Baku", "under Section 907").
LEADING = _words("in at on from to by under with")

#: Words of a question that end the phrase naming what is asked ("which district IS ...").
_PHRASE_END = LINKING | _words(
    "do does did will would can could should may might must be been this these those"
)
_WH = frozenset({"which", "what", "whose"})
#: Commands that open a question the way "which" does ("Name the city that...").
_IMPERATIVES = frozenset({"name", "give", "identify", "state", "list", "enter", "type"})
_SKIP = frozenset(
    {"is", "was", "are", "were", "the", "a", "an", "kind", "type", "name", "of", "sort", "number"}
)
#: Words of a question that ask for an approximate number.
APPROX_QUESTION = frozenset(
    {
        "about",
        "approximately",
        "roughly",
        "around",
        "estimated",
        "estimate",
        "nearly",
        "some",
        "approx",
    }
)


def question_nouns(words: tuple[str, ...]) -> frozenset[str]:
    """The question's own noun: the words after "which"/"what"/"how many" up to the verb
    ("In which Azerbaijani district is..." -> azerbaijani, district)."""
    found: set[str] = set()
    for i, word in enumerate(words):
        if word == "how" and i + 1 < len(words) and words[i + 1] in ("many", "much"):
            start = i + 2
        elif word in _WH or (i == 0 and word in _IMPERATIVES):
            start = i + 1
        else:
            continue
        while start < len(words) and words[start] in _SKIP:
            start += 1
        taken, k = 0, start
        while k < len(words) and taken < 3:
            noun = words[k]
            if noun == "of" and taken and k + 1 < len(words):  # "people of Azerbaijani origin"
                k, taken = k + 1, 1
                continue
            if noun in _PHRASE_END or noun.startswith("#"):
                break
            found.add(noun)
            taken, k = taken + 1, k + 1
    return frozenset(found)
