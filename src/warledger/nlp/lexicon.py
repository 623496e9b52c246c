"""Word lists shared by the cheap pass, the figure rules, the speaker rules and incident typing.

Everything is lower case.  Category cues map a governing verb / noun (active, passive or nominal
form) to a figure category; victims are the counted nouns; ``NON_FIGURE_NOUNS`` are counted nouns
that make a number a non-figure (durations, distances, money, equipment, members, ...).
"""

from __future__ import annotations

import re


def wordset(words: str) -> set[str]:
    """A set of words from a space-separated string."""
    return set(words.split())


# verb/noun/adjective forms → category (checked on word stems with a regex each)
CATEGORY_CUES: list[tuple[str, str]] = [
    (r"bod(?:y|ies)|corpses?|remains|mass\s+graves?|exhumed", "bodies_found"),
    (
        r"kill(?:ed|ing|s)?|dead|deaths?|died|dies|dying|death\s+toll|toll|lives|fatalit(?:y|ies)|murder(?:ed|ing|s)?"
        r"|burn(?:ed|t)|executed|execution|neutrali[sz]ed|eliminated|slain|slaughtered|massacred|massacre|perished|burn(?:ed|t)\s+(?:alive|to\s+death)?"
        r"|shot\s+dead|lost\s+their\s+lives|claimed\s+the\s+lives|beheaded|lynched",
        "killed",
    ),
    (r"injur(?:ed|ies|ing|y)|wound(?:ed|ing|s)?|hurt|hospitali[sz]ed|maimed|casualt(?:y|ies)", "injured"),
    (r"missing|disappeared|unaccounted|whereabouts", "missing"),
    (
        r"detain(?:ed|ing|s)?|detention|detainees|arrest(?:ed|ing|s)?|abduct(?:ed|ing|ion|s)?|kidnapp?(?:ed|ing|s)?"
        r"|captured|taken\s+prisoner|taken\s+captive|prisoners?|hostages?|held\s+captive|seized|rounded\s+up|jailed"
        r"|imprisoned|POWs?",
        "detained",
    ),
    (
        r"displaced|fled|fleeing|flee|refugees|uprooted|homeless|IDPs|forced\s+from\s+their\s+homes|crossed\s+into"
        r"|sought\s+refuge|left\s+their\s+homes",
        "displaced",
    ),
    (r"evacuat(?:ed|ing|ion|es|e)|rescued|relocated|bused\s+out", "evacuated"),
    (r"trapped|stranded|besieged|stuck|cut\s+off|under\s+siege|remain(?:ed|s)?\s+in", "trapped"),
    (
        r"withdr(?:awn|ew|awing|aw)|deployed|deploying|massed|amassed|stationed|sent|redeployed|mobili[sz]ed"
        r"|pulled\s+out|reinforcements|troops|servicemen|contingent",
        "troops",
    ),
]
CATEGORY_CUE_RES = [(re.compile(rf"^(?:{p})$", re.I), c) for p, c in CATEGORY_CUES]

_VICTIM_GROUPS: dict[str | None, str] = {
    "civilians": (
        "civilian civilians residents villagers locals inhabitants students worshippers workers farmers "
        "herders miners patients doctors medics nurses teachers passengers refugees migrants activists "
        "family "
        "relatives volunteers staff employees families households adults pensioners elders teenagers"
        " members parents couple"
    ),
    "children": ("child children kids minors boys girls babies pupils"),
    "women": ("women woman"),
    "men": ("men man"),
    "soldiers": ("soldier soldiers servicemen serviceman marines paratroopers conscripts pows guards"),
    "troops": ("troops"),
    "police": ("police policemen officers gendarmes"),
    "fighters": (
        "fighters militants rebels insurgents jihadists militiamen combatants mercenaries separatists"
    ),
    "people": (
        "people persons person individuals bodies corpses victims prisoners detainees hostages lives deaths "
        "dead wounded injured casualties fatalities displaced"
    ),
    None: ("others more members"),
    "journalists": ("journalists reporters"),
    "protesters": ("protesters demonstrators"),
    "peacekeepers": ("peacekeepers"),
    "officials": ("officials"),
}
VICTIMS: dict[str, str | None] = {w: t for t, ws in _VICTIM_GROUPS.items() for w in ws.split()}

# counted nouns that make a number NOT a figure of people
NON_FIGURE_NOUNS = wordset(
    "% a.m. acres aircraft airstrikes am areas articles artillery attacks bags barrels billion boats "
    "bombs buildings buses cars cases centuries century checkpoints cities cm countries crossings "
    "daughters day days decade decades degrees districts dollars drones episodes euros events explosions "
    "feet flights foot gallons gmt grenades guns hectares helicopters homes hospitals hour hours houses "
    "hryvnias incidents jets kg kilograms kilometer kilometers kilometre kilometres kilos km languages "
    "launchers liters litres localities m meters metres mile miles mines minute minutes "
    "missile missiles mm month months mph nations neighbors neighbours night nights o'clock p.m. "
    "packages "
    "pages per percent planes pm points positions pounds projectiles regions rifles rocket rockets "
    "roubles rounds rubles sanctions schools seats second seconds settlements shells ships sons sorties "
    "states strikes tank tanks times ton tonne tonnes tons towns trillion trucks utc vehicle vehicles "
    "vessels villages votes weapons week weeks yards year years"
)
TIME_WORDS = {"a.m.", "p.m.", "am", "pm", "gmt", "utc", "hrs", "h"}
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)

POPULATION_RE = re.compile(
    r"(?:home\s+to|shelter(?:s|ing)|host(?:s|ing)|hous(?:es|ing)|population\s+of|inhabited\s+by|city\s+of|town\s+of|a\s+population|residents\s+before"
    r"|pre-?war\s+population|populated\s+by)\s*(?:about|some|around|nearly|more\s+than|over|roughly)?\s*$",
    re.I,
)
CUMULATIVE_RE = re.compile(
    r"\b(?:since\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:start|beginning|invasion|war|conflict|outbreak|fighting|offensive"
    r"|siege|occupation|hostilities|escalation|uprising|coup|insurgency|revolution|clashes|blockade)\b"
    r"|since\s+(?:february|march|april|january|may|june|july|august|september|october|november|december|2\d{3}|its"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)"
    r"|so\s+far|to\s+date|in\s+total|total(?:led|ed)?|overall"
    r"|cumulative|(?:death\s+)?toll(?!\s+(?:from|of|in)\s+(?:the\s+|this\s+|that\s+|[\w'’]+'s\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:shelling|strike|attack|bombing|blast|explosion|raid|massacre|ambush|airstrike|air\s+strike|assault|crash"
    r"|fire|clash(?:es)?|incident))"
    r"|in\s+(?:a\s+few|several|the\s+past|recent)\s+(?:weeks|months|days|years)"
    r"|over\s+the\s+(?:past|last)|throughout|during\s+the\s+(?:war|siege|conflict|occupation)|in\s+all)\b",
    re.I,
)

SPEECH_VERBS = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "states",
    "announced",
    "announces",
    "added",
    "adds",
    "reported",
    "reports",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "confirmed",
    "confirms",
    "wrote",
    "writes",
    "noted",
    "notes",
    "alleged",
    "alleges",
    "denied",
    "denies",
    "warned",
    "warns",
    "explained",
    "explains",
    "according",
    "tweeted",
    "posted",
    "acknowledged",
    "admitted",
    "recounted",
    "recalled",
    "described",
]
SPEECH_VERB_RE = re.compile(r"\b(" + "|".join(SPEECH_VERBS) + r")\b")
CLAIM_VERBS = {
    "claimed",
    "claims",
    "insisted",
    "insists",
    "denied",
    "denies",
    "alleged",
    "alleges",
    "accused",
    "accuses",
    "blamed",
    "blames",
    "rejected",
    "rejects",
    "dismissed",
    "dismisses",
}
DENIAL_RE = re.compile(
    r"\b(?:denie[sd]|deny|denying|rejected|rejects|dismissed|dismisses|did\s+not|didn't|does\s+not|doesn't"
    r"|has\s+not|have\s+not|had\s+not|was\s+not|were\s+not|never|no\s+(?:civilians|involvement)|false|fake"
    r"|staged|fabricated|provocation)\b",
    re.I,
)

ROLE_WORDS = wordset(
    "activist activists administrator adviser advisor aide ambassador analyst analysts captain chairman "
    "chairwoman chief chief's colonel commander commissioner coordinator correspondent councillor "
    "councilor deputy director doctor elder envoy expert experts general governor head high "
    "investigators "
    "journalist lawmaker leader lieutenant major mayor medic member minister monitor monitors mp nurse "
    "observer observers officer official officials ombudsman ombudsperson president prime prosecutor "
    "rapporteur representative resident residents secretary secretary-general senator sergeant source "
    "sources speaker spokesman spokespeople spokesperson spokeswoman survivor survivors witness "
    "witnesses "
    "worker workers"
)
INSTITUTIONS = wordset(
    "acled administration afp agency al amnesty ap army authorities bbc cnn command commission committee "
    "council crescent cross department ecowas eu forces government hamas hrw icrc idf interfax iom "
    "jazeera junta kremlin military ministry minusma mission msf nato observatory ocha office osce "
    "pentagon police red reuters ria rsf saf service services sohr staff tass ukrinform un unama unhcr "
    "unicef unmiss wfp who"
)
ANON_RE = re.compile(
    r"\b(?:on\s+condition\s+of\s+anonymity|speaking\s+anonymously|declined\s+to\s+be\s+(?:named|identified)"
    r"|asked\s+not\s+to\s+be\s+(?:named|identified)|not\s+authori[sz]ed\s+to\s+(?:speak|talk)"
    r"|requested\s+anonymity|unnamed|anonymous)\b",
    re.I,
)
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
OUTLETS = {
    "AP": "Associated Press",
    "AFP": "Agence France-Presse",
    "Reuters": "Reuters",
    "CNN": "CNN",
    "BBC": "BBC",
    "UPI": "UPI",
    "dpa": "dpa",
    "TASS": "TASS",
    "RFE/RL": "RFE/RL",
    "Al Jazeera": "Al Jazeera",
}
SINGULAR_VICTIMS = [
    "militiaman",
    "rebel",
    "separatist",
    "guardsman",
    "servicewoman",
    "civilian",
    "man",
    "woman",
    "child",
    "boy",
    "girl",
    "baby",
    "teenager",
    "soldier",
    "serviceman",
    "fighter",
    "militant",
    "policeman",
    "officer",
    "journalist",
    "reporter",
    "driver",
    "priest",
    "doctor",
    "nurse",
    "medic",
    "resident",
    "villager",
    "farmer",
    "herder",
    "student",
    "volunteer",
    "activist",
    "person",
    "worker",
    "teacher",
    "mayor",
    "official",
    "pensioner",
    "passenger",
    "guard",
    "member",
    "pilot",
    "minor",
    "chaplain",
    "commander",
    "officer",
    "paramedic",
    "rescuer",
    "firefighter",
    "photographer",
    "cameraman",
    "volunteer",
    "shepherd",
    "imam",
    "monk",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "father",
    "mother",
]
