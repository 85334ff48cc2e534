"""The grading principles, as a table of what a careful teacher would mark.

Every row is a typed (or cloze) card about the Israel–Azerbaijan report, an answer a student might
type, and the verdict: ``right``, ``wrong`` or ``check`` (every answer word is there, plus detail a
person has to judge). The rows are grouped by principle: folding, spelling variants and
inflections, word order, typos, harmless added words, what is never harmless (hedges, negations,
second candidates, other names and numbers, other words), and extra detail that needs a check.
Each group holds answers that must be accepted and answers that must be refused; a last test keeps
the table from shrinking.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from tiesquiz.deck.model import Card, ClozeCard, TypedCard
from tiesquiz.grading import grade

R, W, C = "right", "wrong", "check"


def typed(card_id: str, question: str, answer: str, *accept: str, **kw: Any) -> TypedCard:
    return TypedCard(
        deck="principles", id=card_id, question=question, answer=answer, accept=accept, **kw
    )


def cloze(card_id: str, question: str, *gaps: tuple[str, ...], **kw: Any) -> ClozeCard:
    return ClozeCard(deck="principles", id=card_id, question=question, gaps=gaps, **kw)


# Cards about the report, worded afresh (not as in the shipped decks).
QUBA = typed(
    "quba", "Name the Azerbaijani city that is home to the historic Red Village.", "Quba", "Guba"
)
RED_VILLAGE = typed(
    "red-village",
    "By what name does the report call the historic all-Jewish settlement in Quba?",
    "Red Village",
    "Qırmızı Qəsəbə",
)
OLDEST = typed(
    "oldest",
    "How does the report rank Azerbaijan's Jewish community against the rest of the world?",
    "one of the world's oldest Jewish communities",
)
DIASPORA = typed(
    "diaspora",
    "About how many people of Azerbaijani origin live in Israel, by the report's count?",
    "70000",
    numeric=True,
)
DIASPORA_APPROX = typed(
    "diaspora-approx",
    "Approximately how many Israelis trace their origins to Azerbaijan, according to the report?",
    "70000",
    numeric=True,
)
SECTION = typed(
    "section",
    "Which section of US law keeps Azerbaijan under American sanctions, according to the report?",
    "Section 907",
    "907",
)
SECTION_NUM = typed(
    "section-number",
    "What is the number of the US sanctions section that still applies to Azerbaijan?",
    "907",
    numeric=True,
)
SAAR = typed(
    "saar",
    "Which Israeli foreign minister called the partnership a unique model of cooperation?",
    "Gideon Sa'ar",
    "Sa'ar",
)
FM_TITLE = typed(
    "saar-post",
    "What post does Gideon Sa'ar hold, according to the report?",
    "Minister of Foreign Affairs",
    "Foreign Minister",
)
HERZOG = typed(
    "herzog", "Name the Israeli head of state who travelled to Azerbaijan.", "Isaac Herzog"
)
DEFMIN = typed(
    "defense-minister",
    "Apart from the President, which Israeli office-holder visited Azerbaijan? Give the title.",
    "Defense Minister",
)
HIER = typed(
    "hier", "Who led the rabbis' push to bring Azerbaijan into the Abraham Accords?", "Marvin Hier"
)
ABADI = typed(
    "abadi",
    "Which senior rabbi in the UAE, close to Jared Kushner, helped lead the initiative?",
    "Eli Abadi",
)
RALBAG = typed(
    "ralbag", "Which signatory of the letters heads a rabbinical alliance?", "Aryeh Ralbag"
)
ALLIANCE = typed(
    "alliance",
    "What organization does Aryeh Ralbag head?",
    "Rabbinical Alliance of America and Canada",
)
CENTER = typed(
    "center",
    "Which center was founded by the rabbi who led the petition?",
    "Simon Wiesenthal Center",
)
KUSHNER = typed(
    "kushner", "Who is named as the chief architect of the Abraham Accords?", "Jared Kushner"
)
TRUMP = typed(
    "trump", "Which former US president received the rabbis' petition?", "Donald Trump", "Trump"
)
ACCORDS = typed(
    "accords", "Which framework did the rabbis want Azerbaijan to join?", "Abraham Accords"
)
UAE = typed(
    "uae",
    "In which country does Eli Abadi serve as a senior rabbi?",
    "United Arab Emirates",
    "UAE",
)
IMPACT = typed(
    "impact",
    "Name the education watchdog whose findings the report cites on Azerbaijan's curriculum.",
    "IMPACT-SE",
)
ANTISEM = typed(
    "antisemitism",
    "Azerbaijan was the first Muslim-majority country to teach formally about which hatred?",
    "antisemitism",
)
PROACTIVE = typed(
    "proactive",
    "What adjective sums up Baku's approach to religious freedom in the report?",
    "proactive",
)
SHIITE = typed(
    "shiite",
    "Which branch of Islam does the report attach to Azerbaijan's Muslim majority?",
    "Shi'ite",
    "Shia",
)
AZERBAIJAN = typed(
    "azerbaijan",
    "Which country do the rabbis call Israel's most reliable Muslim partner?",
    "Azerbaijan",
    "Azərbaycan",
)
REGION = typed(
    "region",
    "In which region do Iranian officials fear Israel's growing influence?",
    "South Caucasus",
)
BORDER = typed(
    "border",
    "Close to which Iranian border is Baku accused of enabling Israeli intelligence work?",
    "northern",
    "north",
)
IRAN = typed("iran", "Which country held military drills near Azerbaijan's frontier?", "Iran")
TEHRAN = typed(
    "tehran",
    "Which capital, in the report's words, has not failed to notice Baku's ties with Israel?",
    "Tehran",
    "Teheran",
)
STRAIN = typed(
    "strain",
    "Iran's drills did what to relations between the two neighbours? Give one verb.",
    "strained",
)
NEIGHBORS = typed(
    "neighbors",
    "What does the report call Iran and Azerbaijan in relation to each other?",
    "neighbors",
)
OIL = typed("oil", "What fuel has Azerbaijan long supplied to Israel?", "oil", "crude oil")
ENERGY = typed(
    "energy",
    "Which sector stands out in the economic relations between the two countries?",
    "energy",
)
TRADE = typed(
    "trade",
    "Besides energy and security, in what area has cooperation grown between the two countries?",
    "trade",
)
EMBASSY = typed(
    "embassy",
    "Which mission actively helps firms of both countries find business contacts and investment?",
    "Israeli Embassy in Baku",
)
DIRECTION = typed(
    "oil-direction",
    "Which way do the oil supplies the report mentions travel?",
    "from Azerbaijan to Israel",
)
MEETINGS = typed(
    "meetings",
    "Between which officials did high-level meetings take place over the past year?",
    "foreign ministers",
)
JERUSALEM = typed(
    "jerusalem", "To which city did Azerbaijani officials pay official visits?", "Jerusalem"
)
BAKU = typed("baku", "Which capital did Israeli ministers visit officially?", "Baku", "Bakı")
DIALOGUE = typed(
    "dialogue",
    "Besides shared strategic interests, what does Sa'ar say the alliance is built on?",
    "open dialogue",
)
MODEL = typed(
    "model",
    "For which countries could the alliance be an example, in Sa'ar's view?",
    "other Muslim nations",
)
JEWISH_STATE = typed(
    "jewish-state",
    "In Sa'ar's description of the partnership, what kind of state is Israel?",
    "Jewish state",
)
MUSLIM_MAJ = typed(
    "muslim-majority",
    "In the same description, what kind of country is Azerbaijan?",
    "Muslim-majority country",
)
LINK = typed(
    "link",
    "What kind of link does the Azerbaijani-origin community in Israel form?",
    "cultural and economic link",
)
INCENTIVES = typed(
    "incentives",
    "What did members of the Abraham Accords receive that, the rabbis say, Azerbaijan did not?",
    "US incentives",
)
AID = typed("aid", "What does Section 907 restrict?", "American aid", "US aid")

FIRST = cloze(
    "first",
    "Azerbaijan was the {{first}} Muslim-majority country to teach formally about antisemitism.",
    ("first",),
)
RELIABLE = cloze(
    "reliable",
    "The rabbis called Azerbaijan Israel's most {{reliable}} Muslim partner.",
    ("reliable",),
)
DECADES = cloze("decades", "Azerbaijan has been a key US ally for {{decades}}.", ("decades",))
SECTORS = cloze(
    "sectors",
    "Collaboration extends to agriculture, {{cybersecurity}}, space technology and "
    "{{water management}}.",
    ("cybersecurity",),
    ("water management",),
    groups=((0, 1),),
)
WORSHIP = cloze(
    "worship",
    "Azerbaijan ensures freedom of worship for all minorities, including {{Jews}} and "
    "{{Christians}}.",
    ("Jews",),
    ("Christians",),
    groups=((0, 1),),
)
RED_CLOZE = cloze(
    "red-cloze",
    "The historic {{Red Village}} lies in the city of {{Quba|Guba}}.",
    ("Red Village",),
    ("Quba", "Guba"),
)


class Case(NamedTuple):
    id: str
    card: Card
    given: object
    expected: str


def rows(card: Card, *table: tuple[str, object, str]) -> list[Case]:
    return [Case(case_id, card, given, expected) for case_id, given, expected in table]


PRINCIPLES: dict[str, list[Case]] = {
    # 1. Folding: case, diacritics (ı, ə), quotes and apostrophes, hyphen/space/joined, §,
    # number words, thousands separators, ordinals. Folding never makes a different answer match.
    "fold": [
        *rows(
            QUBA,
            ("quba-lower-case", "quba", R),
            ("quba-upper-case", "QUBA", R),
            ("quba-surrounding-spaces", "  Quba  ", R),
            ("quba-full-stop", "Quba.", R),
            ("quba-straight-quotes", '"Quba"', R),
            ("quba-curly-quotes", "“Quba”", R),
            ("quba-accepted-form-guba", "guba", R),
        ),
        *rows(
            RED_VILLAGE,
            ("red-village-lower-case", "red village", R),
            ("red-village-azerbaijani-form", "Qırmızı Qəsəbə", R),
            ("red-village-dotless-i-and-schwa-folded", "Qirmizi Qesebe", R),
            ("red-village-upper-case-schwa", "QIRMIZI QƏSƏBƏ", R),
            ("red-village-curly-quotes", "“Red Village”", R),
            ("red-village-not-red-square", "Red Square", W),
        ),
        *rows(
            AZERBAIJAN,
            ("azerbaijan-schwa-folded", "Azerbaycan", R),
            ("azerbaijan-upper-case-schwa", "AZƏRBAYCAN", R),
            ("azerbaijan-lower-case-schwa", "azərbaycan", R),
            ("azerbaijan-not-armenia", "Armenia", W),
        ),
        *rows(
            BAKU,
            ("baku-azerbaijani-form", "Bakı", R),
            ("baku-dotless-i-folded", "Baki", R),
            ("baku-upper-case-azerbaijani", "BAKI", R),
        ),
        *rows(
            SAAR,
            ("saar-curly-apostrophe", "Gideon Sa’ar", R),
            ("saar-backtick", "Gideon Sa`ar", R),
            ("saar-left-single-quote", "GIDEON SA‘AR", R),
            ("saar-lower-case", "gideon sa'ar", R),
            ("saar-apostrophe-left-out", "Gideon Saar", R),
            ("saar-not-saad", "Gideon Sa'ad", W),
        ),
        *rows(
            SHIITE,
            ("shiite-curly-apostrophe", "Shi’ite", R),
            ("shiite-apostrophe-left-out", "Shiite", R),
            ("shiite-lower-case", "shi'ite", R),
            ("shiite-not-sunni", "Sunni", W),
        ),
        *rows(
            IMPACT,
            ("impact-lower-case", "impact-se", R),
            ("impact-space-for-hyphen", "IMPACT SE", R),
            ("impact-joined", "IMPACTSE", R),
            ("impact-en-dash", "IMPACT–SE", R),
            ("impact-not-unesco", "UNESCO", W),
        ),
        *rows(
            ANTISEM,
            ("antisemitism-hyphenated", "anti-Semitism", R),
            ("antisemitism-spaced", "anti Semitism", R),
            ("antisemitism-capitalised", "Antisemitism", R),
            ("antisemitism-upper-hyphenated", "ANTI-SEMITISM", R),
            ("antisemitism-not-anti-zionism", "anti-Zionism", W),
            ("antisemitism-anti-dropped", "Semitism", W),
        ),
        *rows(
            PROACTIVE,
            ("proactive-hyphenated", "pro-active", R),
            ("proactive-spaced", "pro active", R),
        ),
        *rows(
            MUSLIM_MAJ,
            ("muslim-majority-space-for-hyphen", "Muslim majority country", R),
            ("muslim-minority-is-not-majority", "Muslim-minority country", W),
        ),
        *rows(
            SECTORS,
            ("cyber-hyphenated-water-plain", ["cyber-security", "water management"], R),
            ("cyber-spaced-water-hyphenated", ["cyber security", "water-management"], R),
        ),
        *rows(
            OLDEST,
            ("oldest-curly-apostrophe", "one of the world’s oldest Jewish communities", R),
            ("oldest-apostrophe-left-out", "one of the worlds oldest Jewish communities", R),
        ),
        *rows(
            SECTION,
            ("section-sign-spaced", "§ 907", R),
            ("section-sign-joined", "§907", R),
            ("section-lower-case", "section 907", R),
            ("section-upper-case", "SECTION 907", R),
            ("section-number-words", "Section nine hundred and seven", R),
            ("section-sign-other-number", "§ 908", W),
            ("section-digits-swapped", "Section 970", W),
            ("section-number-words-other-number", "Section nine hundred and eight", W),
            ("section-sign-digit-dropped", "§ 97", W),
        ),
        *rows(
            SECTION_NUM,
            ("number-words-with-and", "nine hundred and seven", R),
            ("number-words-without-and", "nine hundred seven", R),
            ("number-digits", "907", R),
            ("number-words-nine-hundred-and-one", "nine hundred and one", W),
            ("number-word-one", "one", W),
            ("number-digit-dropped", "97", W),
            ("number-decimal-point", "9.07", W),
            ("number-reversed", "709", W),
        ),
        *rows(
            DIASPORA,
            ("diaspora-comma-separator", "70,000", R),
            ("diaspora-point-separator", "70.000", R),
            ("diaspora-space-separator", "70 000", R),
            ("diaspora-narrow-space-separator", "70\u202f000", R),
            ("diaspora-apostrophe-separator", "70'000", R),
            ("diaspora-words", "seventy thousand", R),
            ("diaspora-hyphenated-words", "Seventy-thousand", R),
            ("diaspora-digits-and-word", "70 thousand", R),
            ("diaspora-k", "70k", R),
            ("diaspora-seven-thousand-digits", "7,000", W),
            ("diaspora-seven-thousand-point", "7.000", W),
            ("diaspora-seven-hundred-thousand", "700,000", W),
            ("diaspora-seven-thousand-words", "seven thousand", W),
            ("diaspora-seventeen-thousand", "seventeen thousand", W),
            ("diaspora-seventy", "seventy", W),
            ("diaspora-70", "70", W),
        ),
        *rows(
            FIRST,
            ("first-ordinal-digits", ["1st"], R),
            ("first-capitalised", ["First"], R),
            ("first-upper-case", ["FIRST"], R),
            ("first-cardinal-word-one", ["one"], W),
            ("first-second-ordinal-digits", ["2nd"], W),
            ("first-second-ordinal-word", ["second"], W),
        ),
        *rows(
            UAE,
            ("uae-dotted", "U.A.E.", R),
            ("uae-dotted-lower-case", "u.a.e", R),
        ),
        *rows(AID, ("aid-dotted-us", "U.S. aid", R)),
        *rows(INCENTIVES, ("incentives-dotted-us", "U.S. incentives", R)),
    ],
    # 1. Spelling variants (British/US) and inflections of the same word; a different word that
    # only looks related is refused.
    "variant": [
        *rows(
            CENTER,
            ("centre-british", "Simon Wiesenthal Centre", R),
            ("center-other-word-institute", "Simon Wiesenthal Institute", W),
        ),
        *rows(
            DEFMIN,
            ("defence-british", "Defence Minister", R),
        ),
        *rows(
            DIALOGUE,
            ("dialog-american", "open dialog", R),
            ("dialogue-plural", "open dialogues", R),
        ),
        *rows(
            NEIGHBORS,
            ("neighbours-british", "neighbours", R),
            ("neighbor-singular", "neighbor", R),
            ("neighbour-british-singular", "neighbour", R),
            ("neighbours-other-word-neighbourhood", "neighbourhood", W),
            ("neighbors-other-word-allies", "allies", W),
        ),
        *rows(
            ACCORDS,
            ("accord-singular", "Abraham Accord", R),
            ("accords-lower-case-singular", "abraham accord", R),
        ),
        *rows(
            STRAIN,
            ("strain-ing-form", "straining", R),
            ("strain-s-form", "strains", R),
            ("strain-base-form", "strain", R),
            ("strain-other-word-restrained", "restrained", W),
            ("strain-other-word-strengthened", "strengthened", W),
        ),
        *rows(
            INCENTIVES,
            ("incentive-singular", "US incentive", R),
            ("incentives-other-word-investments", "US investments", W),
        ),
        *rows(
            UAE,
            ("emirate-singular", "United Arab Emirate", R),
            ("emirates-other-word-republic", "United Arab Republic", W),
        ),
        *rows(
            TRADE,
            ("trade-ing-form", "trading", R),
            ("trade-other-word-treaty", "treaty", W),
        ),
        *rows(
            LINK,
            ("link-plural", "cultural and economic links", R),
        ),
        *rows(
            MUSLIM_MAJ,
            ("country-plural", "Muslim-majority countries", R),
        ),
        *rows(
            MEETINGS,
            ("minister-singular", "foreign minister", R),
        ),
        *rows(
            WORSHIP,
            ("jew-christian-singular", ["Jew", "Christian"], R),
            ("christians-other-word-muslims", ["Jews", "Muslims"], W),
        ),
        *rows(
            MODEL,
            ("nations-other-word-nationals", "other Muslim nationals", W),
        ),
        *rows(
            PROACTIVE,
            ("proactive-other-word-reactive", "reactive", W),
        ),
        *rows(
            AID,
            ("aid-other-word-arms", "American arms", W),
        ),
    ],
    # 1. Word order that keeps the meaning: "Surname, Given", "Minister of X" = "X Minister",
    # interchangeable parts of a list. An order that changes the meaning is refused.
    "order": [
        *rows(
            SAAR,
            ("saar-surname-comma-given", "Sa'ar, Gideon", R),
            ("saar-surname-comma-given-curly", "Sa’ar, Gideon", R),
        ),
        *rows(
            HERZOG,
            ("herzog-surname-comma-given", "Herzog, Isaac", R),
            ("herzog-surname-comma-other-given", "Herzog, Chaim", W),
        ),
        *rows(HIER, ("hier-surname-comma-given", "Hier, Marvin", R)),
        *rows(ABADI, ("abadi-surname-comma-given", "Abadi, Eli", R)),
        *rows(RALBAG, ("ralbag-surname-comma-given", "Ralbag, Aryeh", R)),
        *rows(
            KUSHNER,
            ("kushner-surname-comma-given", "Kushner, Jared", R),
            ("kushner-surname-comma-other-given", "Kushner, Ivanka", W),
        ),
        *rows(TRUMP, ("trump-surname-comma-given", "Trump, Donald", R)),
        *rows(
            FM_TITLE,
            ("foreign-affairs-minister", "Foreign Affairs Minister", R),
            ("foreign-affairs-minister-lower-case", "foreign affairs minister", R),
        ),
        *rows(
            DEFMIN,
            ("minister-of-defense", "Minister of Defense", R),
            ("minister-of-defence", "Minister of Defence", R),
        ),
        *rows(
            MEETINGS,
            ("ministers-of-foreign-affairs", "ministers of foreign affairs", R),
            ("foreign-affairs-ministers", "foreign affairs ministers", R),
        ),
        *rows(
            ALLIANCE,
            ("alliance-countries-swapped", "Rabbinical Alliance of Canada and America", R),
        ),
        *rows(LINK, ("link-adjectives-swapped", "economic and cultural link", R)),
        *rows(
            SECTORS,
            ("sectors-gaps-swapped", ["water management", "cybersecurity"], R),
        ),
        *rows(WORSHIP, ("worship-gaps-swapped", ["Christians", "Jews"], R)),
        *rows(
            DIRECTION,
            ("direction-to-before-from", "to Israel from Azerbaijan", R),
            ("direction-reversed", "from Israel to Azerbaijan", W),
            ("direction-reversed-without-from", "Israel to Azerbaijan", W),
            ("direction-reversed-to-before-from", "to Azerbaijan from Israel", W),
        ),
        *rows(
            EMBASSY,
            ("embassy-places-swapped", "Baku Embassy in Israel", W),
        ),
        *rows(
            RED_CLOZE,
            ("red-cloze-gaps-swapped", ["Quba", "Red Village"], W),
        ),
    ],
    # 1. A one-letter slip in a word of 5+ letters that makes no real word is forgiven; a slip in a
    # short word, two slips in one word, or a slip that makes another real word is not.
    "typo": [
        *rows(
            KUSHNER,
            ("kushner-letter-dropped", "Jared Kushnr", R),
            ("kushner-letter-changed", "Jared Kuchner", R),
            ("kushner-two-slips-in-one-word", "Jared Kashnor", W),
        ),
        *rows(
            HERZOG,
            ("isaac-letter-changed", "Issac Herzog", R),
            ("herzog-letter-added", "Isaac Hertzog", R),
            ("herzog-two-slips-in-one-word", "Isaac Harzig", W),
        ),
        *rows(
            HIER,
            ("marvin-letter-dropped", "Marvn Hier", R),
            ("marvin-becomes-real-name-martin", "Martin Hier", W),
        ),
        *rows(
            ABADI,
            ("abadi-letter-added", "Eli Abbadi", R),
            ("eli-short-word-becomes-ali", "Ali Abadi", W),
        ),
        *rows(RALBAG, ("ralbag-letter-added", "Aryeh Rallbag", R)),
        *rows(
            ALLIANCE,
            ("rabbinical-letter-dropped", "Rabinical Alliance of America and Canada", R),
        ),
        *rows(
            CENTER,
            ("wiesenthal-letter-dropped", "Simon Wiesental Center", R),
            ("center-letter-changed", "Simon Wiesenthal Cemter", R),
        ),
        *rows(ANTISEM, ("antisemitism-letter-dropped", "antisemitsm", R)),
        *rows(PROACTIVE, ("proactive-letter-dropped", "proactve", R)),
        *rows(REGION, ("caucasus-letter-changed", "South Caucasis", R)),
        *rows(JERUSALEM, ("jerusalem-letter-changed", "Jerusalim", R)),
        *rows(TEHRAN, ("tehran-letter-dropped", "Tehrn", R)),
        *rows(
            AZERBAIJAN,
            ("azerbaijan-letter-dropped", "Azerbajan", R),
            ("azerbaijan-letter-added", "Azerbaijian", R),
        ),
        *rows(
            RED_VILLAGE,
            ("village-letter-dropped", "Red Vilage", R),
            ("village-becomes-real-word-villa", "Red Villa", W),
        ),
        *rows(UAE, ("emirates-letter-dropped", "United Arab Emirtes", R)),
        *rows(DIALOGUE, ("dialogue-letter-dropped", "open dialoge", R)),
        *rows(INCENTIVES, ("incentives-letter-dropped", "US incentivs", R)),
        *rows(SECTORS, ("cybersecurity-letter-dropped", ["cybersecurty", "water management"], R)),
        *rows(
            SECTORS,
            ("water-becomes-real-word-wafer", ["cybersecurity", "wafer management"], W),
        ),
        *rows(RELIABLE, ("reliable-letter-dropped", ["relable"], R)),
        *rows(DECADES, ("decades-letter-dropped", ["decdes"], R)),
        *rows(QUBA, ("quba-short-word-becomes-cuba", "Cuba", W)),
        *rows(IRAN, ("iran-short-word-becomes-iraq", "Iraq", W)),
        *rows(TRADE, ("trade-becomes-real-word-grade", "grade", W)),
        *rows(TRUMP, ("donald-becomes-real-name-ronald", "Ronald Trump", W)),
        *rows(
            STRAIN,
            ("strained-becomes-real-word-stained", "stained", W),
            ("strained-becomes-real-word-trained", "trained", W),
        ),
        *rows(UAE, ("uae-short-word-letters-swapped", "UEA", W)),
    ],
    # 1. Added words of the closed harmless classes: articles, titles of persons, intensifiers,
    # the question's own noun, an article before a title-only answer. They never rescue a
    # different answer.
    "harmless": [
        *rows(
            QUBA,
            ("quba-question-noun-city-of", "the city of Quba", R),
            ("quba-question-noun-after", "Quba city", R),
            ("quba-question-noun-wrong-city", "the city of Baku", W),
            ("quba-question-noun-other-city", "the city of Qusar", W),
        ),
        *rows(
            RED_VILLAGE,
            ("red-village-article", "the Red Village", R),
            ("red-village-article-other-colour", "the White Village", W),
        ),
        *rows(
            JEWISH_STATE,
            ("jewish-state-indefinite-article", "a Jewish state", R),
            ("jewish-state-definite-article", "the Jewish state", R),
            ("jewish-state-article-muslim-state", "a Muslim state", W),
        ),
        *rows(MUSLIM_MAJ, ("muslim-majority-article", "a Muslim-majority country", R)),
        *rows(
            DIALOGUE,
            ("dialogue-article", "an open dialogue", R),
            ("dialogue-article-and-intensifier", "a very open dialogue", R),
            ("dialogue-intensifier-closed", "a very closed dialogue", W),
        ),
        *rows(
            ACCORDS,
            ("accords-article", "the Abraham Accords", R),
            ("accords-question-noun-framework", "the Abraham Accords framework", R),
            ("accords-question-noun-other-accords", "the Oslo Accords framework", W),
            ("accords-article-camp-david", "the Camp David Accords", W),
        ),
        *rows(
            REGION,
            ("region-article", "the South Caucasus", R),
            ("region-question-noun", "the South Caucasus region", R),
            ("region-question-noun-north", "the North Caucasus region", W),
        ),
        *rows(
            UAE,
            ("uae-article-full-name", "the United Arab Emirates", R),
            ("uae-article-short-name", "the UAE", R),
            ("uae-article-other-country", "the United States", W),
        ),
        *rows(
            EMBASSY,
            ("embassy-article", "the Israeli Embassy in Baku", R),
            ("embassy-lower-case-article", "the israeli embassy in baku", R),
            ("embassy-article-other-city", "the Israeli Embassy in Tehran", W),
            ("embassy-article-consulate", "the Israeli Consulate in Baku", W),
        ),
        *rows(CENTER, ("centre-article-british", "the Simon Wiesenthal Centre", R)),
        *rows(ALLIANCE, ("alliance-article", "the Rabbinical Alliance of America and Canada", R)),
        *rows(
            HIER,
            ("hier-title-rabbi", "Rabbi Marvin Hier", R),
            ("hier-title-rabbi-other-rabbi", "Rabbi Eli Abadi", W),
        ),
        *rows(
            ABADI,
            ("abadi-title-rabbi", "Rabbi Eli Abadi", R),
            ("abadi-title-rabbi-other-rabbi", "Rabbi Aryeh Ralbag", W),
        ),
        *rows(RALBAG, ("ralbag-title-rabbi", "Rabbi Aryeh Ralbag", R)),
        *rows(
            KUSHNER,
            ("kushner-title-mr", "Mr Jared Kushner", R),
            ("kushner-title-mr-dotted", "Mr. Jared Kushner", R),
            ("kushner-title-mr-other-man", "Mr Donald Trump", W),
        ),
        *rows(
            HERZOG,
            ("herzog-title-president", "President Isaac Herzog", R),
            ("herzog-title-president-other-man", "President Reuven Rivlin", W),
        ),
        *rows(
            TRUMP,
            ("trump-title-president-full", "President Donald Trump", R),
            ("trump-title-president-surname-accepted", "President Trump", R),
            ("trump-title-mr-surname-accepted", "Mr Trump", R),
            ("trump-title-president-other-man", "President Joe Biden", W),
        ),
        *rows(
            SAAR,
            ("saar-title-minister", "Minister Gideon Sa'ar", R),
            ("saar-question-words-foreign-minister", "Foreign Minister Gideon Sa'ar", R),
            ("saar-title-mr-surname-accepted", "Mr Sa’ar", R),
            ("saar-title-foreign-minister-other-man", "Foreign Minister Yair Lapid", W),
        ),
        *rows(
            DEFMIN,
            ("defense-minister-article", "the Defense Minister", R),
            ("defence-minister-article-british", "the Defence Minister", R),
            ("defense-minister-title-word-dropped", "the Minister", W),
        ),
        *rows(
            FM_TITLE,
            ("foreign-minister-article", "the Foreign Minister", R),
            ("minister-of-foreign-affairs-article", "the Minister of Foreign Affairs", R),
        ),
        *rows(
            PROACTIVE,
            ("proactive-intensifier", "very proactive", R),
            ("proactive-intensifier-other-word", "very reactive", W),
        ),
        *rows(
            FIRST,
            ("first-article", ["the first"], R),
            ("first-article-and-intensifier", ["the very first"], R),
            ("first-intensifier-other-word", ["the very last"], W),
        ),
        *rows(
            BORDER,
            ("border-question-noun", "the northern border", R),
            ("border-question-noun-without-article", "northern border", R),
            ("border-accepted-form-article", "the north", R),
            ("border-question-noun-southern", "the southern border", W),
        ),
        *rows(
            ENERGY,
            ("energy-question-noun", "the energy sector", R),
            ("energy-question-noun-without-article", "Energy sector", R),
            ("energy-question-noun-tourism", "the tourism sector", W),
        ),
        *rows(
            SECTION_NUM,
            ("number-question-noun-section", "section 907", R),
            ("number-question-noun-section-sign", "§907", R),
            ("number-question-noun-other-number", "section 908", W),
        ),
        *rows(JERUSALEM, ("jerusalem-question-noun", "the city of Jerusalem", R)),
        *rows(BAKU, ("baku-question-noun", "the capital Baku", R)),
        *rows(IMPACT, ("impact-question-noun", "the IMPACT-SE watchdog", R)),
        *rows(
            DIASPORA_APPROX,
            ("diaspora-question-noun-israelis", "70,000 Israelis", R),
        ),
        *rows(OIL, ("oil-accepted-form", "crude oil", R)),
    ],
    # 2. Never harmless: hedges (except "about" when the question asks about how many),
    # negations, second candidates (or / and / comma / slash), another proper noun, another
    # number, another word inside a multi-word answer, "one" read as a number. The exceptions —
    # an "and" inside the answer itself, "one" in a phrase — are accepted.
    "never-harmless": [
        *rows(
            QUBA,
            ("quba-exact", "Quba", R),
            ("hedge-probably-before-name", "probably Quba", W),
            ("hedge-maybe-before-name", "maybe Quba", W),
            ("hedge-maybe-after-name", "Quba maybe", W),
            ("hedge-perhaps-before-name", "perhaps Quba", W),
            ("hedge-i-think-after-name", "Quba, I think", W),
            ("negation-before-name", "not Quba", W),
            ("second-candidate-or", "Quba or Baku", W),
            ("second-candidate-or-first-wrong", "Baku or Quba", W),
            ("second-candidate-slash", "Quba/Baku", W),
            ("second-candidate-comma", "Quba, Baku", W),
            ("second-candidate-and", "Quba and Baku", W),
            ("another-proper-noun-juxtaposed", "Quba Baku", W),
        ),
        *rows(
            IRAN,
            ("iran-exact", "Iran", R),
            ("iran-hedge-probably", "probably Iran", W),
            ("iran-negation", "not Iran", W),
            ("iran-second-candidate-or", "Iran or Russia", W),
            ("iran-second-candidate-slash", "Iran/Iraq", W),
            ("iran-second-candidate-and", "Iran and Turkey", W),
            ("iran-another-proper-noun", "Iran Russia", W),
        ),
        *rows(
            HERZOG,
            ("herzog-second-candidate-or", "Isaac Herzog or Reuven Rivlin", W),
            ("herzog-second-candidate-comma", "Isaac Herzog, Benjamin Netanyahu", W),
            ("herzog-negation", "not Isaac Herzog", W),
            ("herzog-another-proper-noun", "Isaac Herzog Netanyahu", W),
            ("herzog-other-given-name", "Chaim Herzog", W),
        ),
        *rows(
            SAAR,
            ("saar-second-candidate-or", "Gideon Sa'ar or Yair Lapid", W),
            ("saar-second-candidate-and", "Gideon Sa'ar and Isaac Herzog", W),
            ("saar-other-person", "Isaac Herzog", W),
            ("saar-given-name-only", "Gideon", W),
        ),
        *rows(
            HIER,
            ("hier-hedge-maybe", "maybe Marvin Hier", W),
            ("hier-hedge-possibly", "possibly Marvin Hier", W),
            ("hier-another-proper-noun", "Marvin Hier Abadi", W),
        ),
        *rows(
            KUSHNER,
            ("kushner-hedge-perhaps", "perhaps Jared Kushner", W),
            ("kushner-second-candidate-slash", "Jared Kushner / Donald Trump", W),
            ("kushner-second-candidate-or-surname", "Jared Kushner or Trump", W),
            ("kushner-another-proper-noun", "Jared Kushner Trump", W),
            ("kushner-other-person", "Donald Trump", W),
        ),
        *rows(
            TRUMP,
            ("trump-negation", "not Trump", W),
            ("trump-second-candidate-or", "Trump or Biden", W),
            ("trump-second-candidate-and", "Donald Trump and Jared Kushner", W),
        ),
        *rows(
            REGION,
            ("region-hedge-probably", "probably the South Caucasus", W),
            ("region-second-candidate-or", "South Caucasus or Central Asia", W),
            ("region-other-direction-word", "North Caucasus", W),
        ),
        *rows(
            ENERGY,
            ("energy-exact", "energy", R),
            ("energy-hedge-mostly", "mostly energy", W),
            ("energy-hedge-partly", "partly energy", W),
            ("energy-hedge-probably-after", "energy, probably", W),
            ("energy-second-candidate-or", "energy or agriculture", W),
            ("energy-second-candidate-comma", "energy, agriculture", W),
        ),
        *rows(
            OIL,
            ("oil-hedge-mostly", "mostly oil", W),
            ("oil-hedge-partly", "partly oil", W),
            ("oil-second-candidate-and", "oil and gas", W),
            ("oil-second-candidate-or", "oil or gas", W),
            ("oil-second-candidate-slash", "oil/gas", W),
            ("oil-other-fuel", "natural gas", W),
        ),
        *rows(
            PROACTIVE,
            ("proactive-hedge-somewhat", "somewhat proactive", W),
            ("proactive-hedge-partly", "partly proactive", W),
            ("proactive-negation", "not proactive", W),
            ("proactive-second-candidate-or", "proactive or tolerant", W),
        ),
        *rows(
            STRAIN,
            ("strained-hedge-partly", "partly strained", W),
            ("strained-hedge-slightly", "slightly strained", W),
            ("strained-negation", "not strained", W),
            ("strained-second-candidate-or", "strained or improved", W),
        ),
        *rows(
            ANTISEM,
            ("antisemitism-negation", "not antisemitism", W),
            ("antisemitism-second-candidate-and", "antisemitism and Islamophobia", W),
            ("antisemitism-other-hatred", "Islamophobia", W),
        ),
        *rows(
            ACCORDS,
            ("accords-hedge-probably", "probably the Abraham Accords", W),
            ("accords-second-candidate-or", "Abraham Accords or NATO", W),
        ),
        *rows(AZERBAIJAN, ("azerbaijan-hedge-maybe", "maybe Azerbaijan", W)),
        *rows(
            SHIITE,
            ("shiite-second-candidate-or", "Shi'ite or Sunni", W),
        ),
        *rows(
            JERUSALEM,
            ("jerusalem-second-candidate-or", "Jerusalem or Tel Aviv", W),
            ("jerusalem-second-candidate-and", "Jerusalem and Baku", W),
            ("jerusalem-other-city", "Tel Aviv", W),
        ),
        *rows(TEHRAN, ("tehran-second-candidate-and", "Tehran and Baku", W)),
        *rows(UAE, ("uae-second-candidate-or", "UAE or Bahrain", W)),
        *rows(CENTER, ("center-second-candidate-or", "Simon Wiesenthal Center or the ADL", W)),
        *rows(
            BORDER,
            ("border-second-candidate-or", "northern or western", W),
            ("border-negation", "not northern", W),
            ("border-other-direction", "southern", W),
        ),
        *rows(AID, ("aid-second-candidate-and", "American aid and trade", W)),
        *rows(
            DEFMIN,
            ("defense-minister-exact", "Defense Minister", R),
            ("defense-minister-other-title-foreign", "Foreign Minister", W),
            ("defense-minister-other-title-prime", "Prime Minister", W),
            ("defense-minister-article-other-title", "the Foreign Minister", W),
            ("defense-minister-second-candidate-or", "Defense Minister or Foreign Minister", W),
        ),
        *rows(
            FM_TITLE,
            ("foreign-affairs-exact", "Minister of Foreign Affairs", R),
            ("foreign-minister-other-title-defense", "Defense Minister", W),
            ("foreign-minister-other-title-prime", "Prime Minister", W),
            ("foreign-minister-other-ministry", "Minister of Defense", W),
        ),
        *rows(
            SECTION,
            ("section-hedge-probably", "probably Section 907", W),
            ("section-negation", "not Section 907", W),
            ("section-other-number", "Section 906", W),
            ("section-second-candidate-or", "Section 907 or 908", W),
            ("section-second-candidate-slash", "Section 907/908", W),
        ),
        *rows(
            SECTION_NUM,
            ("number-hedge-about-not-asked", "about 907", W),
            ("number-hedge-roughly-not-asked", "roughly 907", W),
            ("number-hedge-approximately-words", "approximately nine hundred and seven", W),
            ("number-hedge-around", "around 907", W),
            ("number-second-candidate-or", "907 or 908", W),
            ("number-second-candidate-comma", "907, 908", W),
        ),
        *rows(
            DIASPORA,
            ("about-asked-about", "about 70,000", R),
            ("about-asked-approximately", "approximately 70,000", R),
            ("about-asked-around-words", "around seventy thousand", R),
            ("about-asked-roughly", "roughly 70,000", R),
            ("about-asked-with-question-noun", "about 70,000 people", R),
            ("about-asked-more-than", "more than 70,000", W),
            ("about-asked-at-least", "at least 70,000", W),
            ("about-asked-over-words", "over seventy thousand", W),
            ("about-asked-negation", "not 70,000", W),
            ("about-asked-second-candidate-or", "70,000 or 80,000", W),
            ("about-asked-range", "between 60,000 and 80,000", W),
            ("about-asked-other-number", "80,000", W),
            ("about-asked-near-number", "71,000", W),
        ),
        *rows(
            DIASPORA_APPROX,
            ("approx-asked-approximately", "approximately 70,000", R),
            ("approx-asked-about", "about 70000", R),
            ("approx-asked-other-number-with-about", "about 60,000", W),
        ),
        *rows(
            ALLIANCE,
            ("and-inside-the-answer", "Rabbinical Alliance of America and Canada", R),
            ("and-inside-answer-other-country", "Rabbinical Alliance of America and Mexico", W),
            ("alliance-other-word-council", "Rabbinical Council of America and Canada", W),
            (
                "alliance-second-candidate-or",
                "Rabbinical Alliance of America and Canada or the Simon Wiesenthal Center",
                W,
            ),
        ),
        *rows(
            LINK,
            ("and-inside-link-answer", "cultural and economic link", R),
            ("link-answer-word-dropped", "a cultural link", W),
            ("link-other-word-religious", "a religious and economic link", W),
            ("link-other-word-military", "a cultural and military link", W),
        ),
        *rows(
            OLDEST,
            ("one-in-a-phrase-not-a-number", "one of the world's oldest Jewish communities", R),
            ("oldest-one-of-dropped", "the world's oldest Jewish community", W),
            ("oldest-other-word-newest", "one of the world's newest Jewish communities", W),
            ("oldest-other-word-muslim", "one of the world's oldest Muslim communities", W),
            ("oldest-hedge-probably", "probably one of the world's oldest Jewish communities", W),
        ),
        *rows(
            MODEL,
            ("model-exact", "other Muslim nations", R),
            ("model-answer-word-dropped", "other nations", W),
            ("model-other-word-jewish", "other Jewish nations", W),
            ("model-second-candidate-and", "other Muslim nations and Christian nations", W),
        ),
        *rows(
            DIALOGUE,
            ("dialogue-other-word-closed", "closed dialogue", W),
            ("dialogue-second-candidate-or", "open dialogue or trade", W),
        ),
        *rows(
            INCENTIVES,
            ("incentives-other-word-sanctions", "US sanctions", W),
            ("incentives-other-proper-noun", "EU incentives", W),
            ("incentives-second-candidate-and", "US incentives and sanctions", W),
        ),
        *rows(
            WORSHIP,
            ("worship-exact", ["Jews", "Christians"], R),
            ("worship-second-candidate-in-gap", ["Jews or Muslims", "Christians"], W),
            ("worship-second-candidate-second-gap", ["Jews", "Christians or Muslims"], W),
        ),
        *rows(
            FIRST,
            ("first-hedge-almost", ["almost first"], W),
            ("first-hedge-probably", ["probably first"], W),
            ("first-second-candidate-or", ["first or second"], W),
        ),
        *rows(
            RELIABLE,
            ("reliable-exact", ["reliable"], R),
            ("reliable-second-candidate-or", ["reliable or loyal"], W),
            ("reliable-hedge-probably", ["probably reliable"], W),
            ("reliable-opposite", ["unreliable"], W),
        ),
        *rows(
            DECADES,
            ("decades-exact", ["decades"], R),
            ("decades-number-added", ["two decades"], W),
            ("decades-other-word-centuries", ["centuries"], W),
            ("decades-other-word-years", ["years"], W),
        ),
        *rows(
            RED_CLOZE,
            ("red-cloze-exact", ["Red Village", "Quba"], R),
            ("red-cloze-accepted-form", ["red village", "Guba"], R),
            ("red-cloze-second-candidate", ["Red Village", "Quba or Baku"], W),
            ("red-cloze-hedge", ["Red Village", "probably Quba"], W),
            ("red-cloze-one-gap-wrong", ["Red Village", "Baku"], W),
        ),
    ],
    # 3. Every answer word is there, plus detail outside the harmless classes: a person decides.
    # A second candidate, a hedge or a negation still makes it wrong; detail around a missing
    # answer word is wrong; a restated question noun or title after a comma is right.
    "check": [
        *rows(
            QUBA,
            ("quba-detail-in-northern-azerbaijan", "Quba, in northern Azerbaijan", C),
            ("quba-detail-in-brackets", "Quba (the Red Village)", C),
            ("quba-detail-home-to-synagogues", "Quba, home to synagogues", C),
            ("quba-detail-called-a-village", "the village of Quba", C),
            ("quba-detail-north-of-baku", "Quba, north of Baku", C),
            ("quba-detail-a-city-with-synagogues", "Quba, a city with many synagogues", C),
            ("quba-question-noun-after-comma", "Quba, the city", R),
            ("quba-detail-then-second-candidate", "Quba, in northern Azerbaijan, or Baku", W),
            ("quba-hedge-then-detail", "probably Quba, in northern Azerbaijan", W),
            ("quba-detail-without-answer", "a city in northern Azerbaijan", W),
            ("quba-negation-then-detail", "not Quba, a city in the north", W),
        ),
        *rows(
            SAAR,
            ("saar-detail-who-visited-baku", "Gideon Sa'ar, who visited Baku", C),
            ("saar-detail-top-diplomat", "Gideon Sa'ar, Israel's top diplomat", C),
            ("saar-title-after-comma", "Gideon Sa'ar, the Foreign Minister", R),
            ("saar-detail-then-hedge-second-candidate", "Gideon Sa'ar, or maybe Yair Lapid", W),
        ),
        *rows(
            HERZOG,
            ("herzog-detail-son-of", "Isaac Herzog, son of Chaim Herzog", C),
            ("herzog-title-after-comma", "Isaac Herzog, the President", R),
        ),
        *rows(
            HIER,
            ("hier-detail-founder", "Marvin Hier, founder of the Simon Wiesenthal Center", C),
            ("hier-detail-los-angeles-rabbi", "Marvin Hier, a Los Angeles rabbi", C),
            ("hier-second-candidate-with-detail", "Marvin Hier or Eli Abadi, both rabbis", W),
        ),
        *rows(ABADI, ("abadi-detail-signed-the-letters", "Eli Abadi, who signed the letters", C)),
        *rows(RALBAG, ("ralbag-detail-new-york", "Aryeh Ralbag, a New York rabbi", C)),
        *rows(
            KUSHNER,
            ("kushner-detail-son-in-law", "Jared Kushner, Trump's son-in-law", C),
            ("kushner-hedge-then-detail", "maybe Jared Kushner, Trump's son-in-law", W),
        ),
        *rows(TRUMP, ("trump-detail-after-office", "Donald Trump, after leaving office", C)),
        *rows(
            REGION,
            (
                "region-detail-between-seas",
                "the South Caucasus, between the Black and Caspian Seas",
                C,
            ),
        ),
        *rows(
            IRAN,
            ("iran-detail-as-a-warning", "Iran, as a warning", C),
            ("iran-second-candidate-with-detail", "Iran and Russia, as a warning", W),
        ),
        *rows(
            ENERGY,
            ("energy-detail-especially-oil", "energy, especially oil", C),
            ("energy-hedge-then-detail", "partly energy, especially oil", W),
        ),
        *rows(
            OIL,
            ("oil-detail-pipeline", "oil, through the Baku-Tbilisi-Ceyhan pipeline", C),
            ("oil-detail-then-second-candidate", "oil, maybe gas too", W),
        ),
        *rows(
            SECTION,
            ("section-detail-act", "Section 907 of the Freedom Support Act", C),
            (
                "section-second-candidate-with-detail",
                "Section 907 or 908 of the Freedom Support Act",
                W,
            ),
        ),
        *rows(SECTION_NUM, ("number-detail-act", "907 of the Freedom Support Act", C)),
        *rows(DIASPORA, ("diaspora-detail-vital-link", "about 70,000, a vital cultural link", C)),
        *rows(
            EMBASSY,
            ("embassy-detail-forums", "the Israeli Embassy in Baku, through business forums", C),
        ),
        *rows(
            DEFMIN,
            (
                "defense-minister-detail-security-visit",
                "the Defense Minister, on a security visit",
                C,
            ),
        ),
        *rows(
            ACCORDS,
            (
                "accords-detail-normalised-ties",
                "the Abraham Accords, which normalised ties with Israel",
                C,
            ),
        ),
        *rows(IMPACT, ("impact-detail-israeli-watchdog", "IMPACT-SE, an Israeli watchdog", C)),
        *rows(
            ANTISEM, ("antisemitism-detail-school-lessons", "antisemitism, in school lessons", C)
        ),
        *rows(
            PROACTIVE,
            ("proactive-detail-unlike-others", "proactive, unlike many Muslim-majority nations", C),
        ),
        *rows(
            DIALOGUE, ("dialogue-detail-governments", "open dialogue between the governments", C)
        ),
        *rows(MODEL, ("model-detail-in-the-gulf", "other Muslim nations in the Gulf", C)),
        *rows(JEWISH_STATE, ("jewish-state-detail-democratic", "a Jewish democratic state", C)),
        *rows(
            LINK,
            (
                "link-detail-across-generations",
                "a cultural and economic link across generations",
                C,
            ),
        ),
        *rows(
            AID, ("aid-detail-to-the-government", "American aid to the Azerbaijani government", C)
        ),
        *rows(INCENTIVES, ("incentives-detail-arms-sales", "US incentives such as arms sales", C)),
        *rows(UAE, ("uae-detail-in-dubai", "the United Arab Emirates, in Dubai", C)),
        *rows(RED_VILLAGE, ("red-village-detail-jewish-town", "the Red Village, a Jewish town", C)),
        *rows(JERUSALEM, ("jerusalem-detail-israels-capital", "Jerusalem, Israel's capital", C)),
        *rows(BAKU, ("baku-detail-on-the-caspian", "Baku, on the Caspian Sea", C)),
        *rows(TEHRAN, ("tehran-detail-state-media", "Tehran, through its state media", C)),
        *rows(
            AZERBAIJAN,
            ("azerbaijan-detail-shiite-majority", "Azerbaijan, a Shi'ite-majority country", C),
        ),
        *rows(
            CENTER, ("center-detail-in-los-angeles", "Simon Wiesenthal Center in Los Angeles", C)
        ),
        *rows(
            ALLIANCE,
            (
                "alliance-detail-orthodox-body",
                "the Rabbinical Alliance of America and Canada, an Orthodox body",
                C,
            ),
        ),
        *rows(
            RED_CLOZE,
            ("red-cloze-detail-in-gap", ["Red Village", "Quba, in northern Azerbaijan"], C),
        ),
        # More detail of every shape: appositions, clauses, brackets, prepositional phrases.
        *rows(QUBA, ("quba-detail-mountain-town", "Quba, a mountain town", C)),
        *rows(
            RED_VILLAGE, ("red-village-detail-other-name", "the Red Village (Krasnaya Sloboda)", C)
        ),
        *rows(SAAR, ("saar-detail-former-post", "Gideon Sa'ar, a former interior minister", C)),
        *rows(HERZOG, ("herzog-detail-state-visit", "Isaac Herzog, on a state visit", C)),
        *rows(HIER, ("hier-detail-wrote-to-trump", "Marvin Hier, who wrote to Trump", C)),
        *rows(RALBAG, ("ralbag-detail-orthodox", "Aryeh Ralbag, an Orthodox rabbi", C)),
        *rows(KUSHNER, ("kushner-detail-developer", "Jared Kushner, a real-estate developer", C)),
        *rows(TRUMP, ("trump-detail-letter", "Donald Trump, in a letter from the rabbis", C)),
        *rows(
            ACCORDS,
            ("accords-detail-brokered", "the Abraham Accords, brokered by Jared Kushner", C),
        ),
        *rows(IMPACT, ("impact-detail-textbooks", "IMPACT-SE, which reviews school textbooks", C)),
        *rows(
            ANTISEM, ("antisemitism-detail-school-subject", "antisemitism, as a school subject", C)
        ),
        *rows(
            PROACTIVE,
            (
                "proactive-detail-and-inside-detail",
                "proactive, protecting synagogues and churches",
                C,
            ),
        ),
        *rows(SHIITE, ("shiite-detail-like-iran", "Shi'ite, like Iran", C)),
        *rows(AZERBAIJAN, ("azerbaijan-detail-us-ally", "Azerbaijan, a key US ally", C)),
        *rows(REGION, ("region-detail-near-iran", "the South Caucasus, near Iran's border", C)),
        *rows(BORDER, ("border-detail-with-azerbaijan", "the northern border, with Azerbaijan", C)),
        *rows(IRAN, ("iran-detail-to-show-anger", "Iran, to show its anger", C)),
        *rows(TEHRAN, ("tehran-detail-government", "Tehran, the Iranian government", C)),
        *rows(
            STRAIN,
            ("strained-detail-fear-of-spying", "strained, through fear of Israeli spying", C),
        ),
        *rows(NEIGHBORS, ("neighbors-detail-shared-border", "neighbors with a shared border", C)),
        *rows(OIL, ("oil-detail-via-georgia", "oil, through a pipeline via Georgia", C)),
        *rows(ENERGY, ("energy-detail-oil-supplies", "energy, above all oil supplies", C)),
        *rows(TRADE, ("trade-detail-technology", "trade, especially in technology", C)),
        *rows(
            EMBASSY,
            (
                "embassy-detail-with-government",
                "the Israeli Embassy in Baku, with the Azerbaijani government",
                C,
            ),
        ),
        *rows(DIRECTION, ("direction-detail-by-tanker", "from Azerbaijan to Israel, by tanker", C)),
        *rows(MEETINGS, ("meetings-detail-summits", "foreign ministers, at regular summits", C)),
        *rows(JERUSALEM, ("jerusalem-detail-for-talks", "Jerusalem, for talks with ministers", C)),
        *rows(BAKU, ("baku-detail-security-talks", "Baku, for security talks", C)),
        *rows(DIALOGUE, ("dialogue-detail-highest-level", "open dialogue at the highest level", C)),
        *rows(MODEL, ("model-detail-such-as", "other Muslim nations such as Saudi Arabia", C)),
        *rows(JEWISH_STATE, ("jewish-state-detail-small", "a small Jewish state", C)),
        *rows(
            MUSLIM_MAJ, ("muslim-majority-detail-secular", "a secular Muslim-majority country", C)
        ),
        *rows(
            INCENTIVES, ("incentives-detail-normalising", "US incentives for normalising ties", C)
        ),
        *rows(UAE, ("uae-detail-in-the-gulf", "the UAE, in the Gulf", C)),
        *rows(
            CENTER,
            (
                "center-detail-rights-group",
                "the Simon Wiesenthal Center, a Jewish human rights group",
                C,
            ),
        ),
        *rows(
            FM_TITLE,
            (
                "foreign-minister-detail-government",
                "Foreign Minister, in the current government",
                C,
            ),
        ),
        *rows(
            DIASPORA, ("diaspora-detail-many-jewish", "about 70,000 people, many of them Jewish", C)
        ),
        *rows(
            DIASPORA_APPROX,
            ("approx-detail-across-israel", "approximately 70,000, living across Israel", C),
        ),
        *rows(SECTION, ("section-detail-congress", "Section 907, passed by Congress", C)),
        *rows(
            LINK,
            ("link-detail-between-peoples", "a cultural and economic link between the peoples", C),
        ),
        *rows(
            OLDEST,
            (
                "oldest-detail-in-the-caucasus",
                "one of the world's oldest Jewish communities, in the Caucasus",
                C,
            ),
        ),
        *rows(
            SECTORS, ("sectors-detail-in-gap", ["cybersecurity for banks", "water management"], C)
        ),
        # "Mountain" in lower case is a detail; with a capital it is another name (never harmless).
        *rows(WORSHIP, ("worship-detail-mountain-jews", ["mountain Jews", "Christians"], C)),
        *rows(WORSHIP, ("worship-another-name-mountain-jews", ["Mountain Jews", "Christians"], W)),
        *rows(DECADES, ("decades-detail-since-independence", ["decades, since independence"], C)),
    ],
}

# Found by a second, blind set of cases after the grader was written: kept as they came.
EXACT_COUNT = typed(
    "exact-count",
    "How many people of Azerbaijani origin does the report say live in Israel?",
    "70000",
    numeric=True,
)
FIRST_TYPED = typed(
    "first-typed",
    "Among Muslim-majority countries, where does Azerbaijan rank in teaching about antisemitism?",
    "first",
)
MINORITIES = typed(
    "minorities",
    "Which two minorities does the report name as enjoying full freedom of worship?",
    "Jews and Christians",
)
TRUMP_PETITION = typed(
    "trump-petition", "Which former US president did the rabbis petition?", "Donald Trump"
)
WHO_PETITIONED = typed(
    "who-petitioned",
    "Who petitioned the former US president about Azerbaijan?",
    "a group of rabbis",
)
PRINCIPLES["never-harmless"] += rows(
    EXACT_COUNT,
    ("plus-sign-after-number", "70,000+", W),
    ("greater-than-sign", ">70,000", W),
    ("less-than-or-equal-sign", "≤70,000", W),
    ("tilde-on-an-exact-question", "~70,000", W),
    ("ish-on-an-exact-question", "70,000-ish", W),
    ("exact-number-accepted", "70,000", R),
)
PRINCIPLES["harmless"] += [
    *rows(
        DIASPORA_APPROX,
        ("approx-after-the-number", "70,000 approx.", R),
        ("approx-in-brackets-after", "70 000 (approximately)", R),
        ("or-so-on-an-estimate", "70,000 or so", R),
        ("plural-scale-after-number", "70 thousands", R),
        ("more-than-on-an-estimate", "more than 70,000", W),
    ),
    *rows(FIRST_TYPED, ("pronoun-one-after-ordinal", "the first one", R)),
]
PRINCIPLES["check"] += [
    *rows(
        MINORITIES,
        ("bracketed-detail-after-a-list", "Jews and Christians (Orthodox and Catholic)", C),
        ("list-in-the-other-order", "Christians and Jews", R),
        ("list-with-a-third-candidate", "Jews, Christians and Muslims", W),
    ),
    *rows(
        TRUMP_PETITION,
        ("ordinal-over-twenty-in-detail", "Donald Trump, the 45th president", C),
        ("a-spelling-note-in-brackets", "Donald Trump (also spelled Trump)", C),
    ),
    *rows(
        WHO_PETITIONED,
        ("a-detail-naming-one-of-them", "a group of rabbis, led by Rabbi Hier", C),
        ("the-singular-of-a-plural-in-i", "a group of rabbi", R),
        ("another-group", "a group of imams", W),
    ),
]

ALL = [(principle, case) for principle, cases in PRINCIPLES.items() for case in cases]


def _params(principle: str) -> list[object]:
    return [pytest.param(case, id=case.id) for case in PRINCIPLES[principle]]


def _assert_verdict(case: Case) -> None:
    got = grade(case.card, case.given).verdict
    assert got == case.expected, (
        f"{case.card.id}: {case.given!r} should be {case.expected}, the grader says {got}"
    )


@pytest.mark.parametrize("case", _params("fold"))
def test_folding(case: Case) -> None:
    _assert_verdict(case)


@pytest.mark.parametrize("case", _params("variant"))
def test_spelling_variants_and_inflections(case: Case) -> None:
    _assert_verdict(case)


@pytest.mark.parametrize("case", _params("order"))
def test_word_order(case: Case) -> None:
    _assert_verdict(case)


@pytest.mark.parametrize("case", _params("typo"))
def test_typos(case: Case) -> None:
    _assert_verdict(case)


@pytest.mark.parametrize("case", _params("harmless"))
def test_harmless_added_words(case: Case) -> None:
    _assert_verdict(case)


@pytest.mark.parametrize("case", _params("never-harmless"))
def test_never_harmless(case: Case) -> None:
    _assert_verdict(case)


@pytest.mark.parametrize("case", _params("check"))
def test_extra_detail_needs_a_check(case: Case) -> None:
    _assert_verdict(case)


def test_the_table_is_whole() -> None:
    assert len(ALL) >= 300, f"only {len(ALL)} grading cases"
    assert set(PRINCIPLES) == {
        "fold",
        "variant",
        "order",
        "typo",
        "harmless",
        "never-harmless",
        "check",
    }
    for principle, cases in PRINCIPLES.items():
        verdicts = {case.expected for case in cases}
        assert {R, W} <= verdicts, f"{principle} lacks an accepted or a refused case"
    assert C in {case.expected for case in PRINCIPLES["check"]}
    ids = [case.id for _, case in ALL]
    assert len(ids) == len(set(ids)), "case ids repeat"
    pairs = [(case.card.id, repr(case.given)) for _, case in ALL]
    assert len(pairs) == len(set(pairs)), "the same answer to the same card appears twice"
    assert all(case.expected in (R, W, C) for _, case in ALL)
