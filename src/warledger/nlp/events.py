"""Event cues, actor mentions and the mapping to ACLED's types and warledger's contextual types.

ACLED types: ``(event_type, sub_event_type)`` with ACLED's exact strings, all 25 sub-types:
Battles (Armed clash; Government regains territory; Non-state actor overtakes territory),
Explosions/Remote violence (Chemical weapon; Air/drone strike; Suicide bomb;
Shelling/artillery/missile attack; Remote explosive/landmine/IED; Grenade),
Violence against civilians (Sexual violence; Attack; Abduction/forced disappearance),
Protests (Peaceful protest; Protest with intervention; Excessive force against protesters),
Riots (Violent demonstration; Mob violence),
Strategic developments (Agreement; Arrests; Change to group/activity; Disrupted weapons use;
Headquarters or base established; Looting/property destruction; Non-violent transfer of territory;
Other).

warledger's contextual types (event_type ``"Context"``), for reported developments ACLED does not
code as events: ``Sanctions`` (sanctions, embargoes, trade bans), ``Evacuation`` (calls to leave,
evacuation corridors), ``Humanitarian access`` (aid convoys blocked / let through),
``Troop movement`` (withdrawals, regrouping, redeployment without a change of control),
``Blockade/siege`` (a town blocked / encircled / besieged), ``Bodies discovered`` (bodies found with
no perpetrator or violence described), ``Detention`` (detentions with no identifiable detaining
party), ``Denial`` (a party denies responsibility or an allegation).
"""

from __future__ import annotations

import re

from warledger.nlp.fastre import OrderedScanner
from warledger.nlp.types import ActorMention, EventCue

CONTEXT = "Context"

# kind → regex; order matters only for overlapping matches (first wins)
CUE_PATTERNS: list[tuple[str, str]] = [
    (
        "chemical",
        r"chemical\s+(?:weapons?|attack|agents?)|sarin|chlorine\s+gas|toxic\s+gas|nerve\s+agent"
        r"|phosphorus",
    ),
    (
        "suicide",
        r"suicide\s+(?:bomb(?:er|ing|s)?|attack(?:er)?|vest)|blew\s+(?:himself|herself|themselves)\s+up",
    ),
    (
        "grenade",
        r"(?:threw|thrown|lobbed|hurled|tossed)\s+(?:a\s+|an?\s+)?(?:hand\s+)?grenades?|grenade\s+attack"
        r"|hand\s+grenades?\s+(?:was|were)\s+thrown|grenade\s+(?:blast|explosion)"
        r"|grenade\s+(?:was|were)\s+(?:thrown|hurled|lobbed)",
    ),
    (
        "ied",
        r"(?:improvised\s+)?explosive\s+devices?|IEDs?|land\s*mines?|anti-(?:tank|personnel)\s+mines?"
        r"|roadside\s+bombs?|car\s+bombs?|booby[-\s]trap\w*|blew\s+(?:[\w-]+\s+){0,3}?up|blown\s+up|detonat\w+"
        r"|stepped\s+on\s+a\s+mine|(?:exploded|blown)\s+(?:up\s+)?on\s+a\s+mine|(?:ran|running|drove|driving)\s+over\s+a\s+mine"
        r"|mine\s+(?:explosion|blast)|tripwire|unexploded\s+ordnance|explosion\s+of\s+an?\s+\w+\s+(?:device|mine)",
    ),
    (
        "disrupted",
        r"(?:shot\s+down|intercept(?:ed|s|ing)?|downed|destroyed|neutrali[sz]ed)\s+(?:\w+\s+){0,3}?"
        r"(?:missiles?|rockets?|drones?|UAVs?|projectiles?|shells)|interception|air\s+defen[cs]e\s+"
        r"(?:systems?\s+|units?\s+)?(?:destroyed|shot|downed|intercepted|repelled)|defused|demined|de-mined"
        r"|seized\s+(?:a\s+)?(?:cache|weapons|ammunition|explosives|arms)|weapons\s+(?:cache|seizure)"
        r"|cache\s+of\s+(?:weapons|arms|explosives)|disarmed|foiled|thwarted|defus\w+|bomb\s+disposal"
        r"|(?:recovered|seized|found|discovered|confiscated|unearthed)\s+(?:\w+\s+){0,4}?(?:explosives?|IEDs?|weapons"
        r"|arms|ammunition|grenades|bombs?|rifles|guns|detonators)",
    ),
    (
        "shootdown",
        r"shot\s+(?:\w+\s+){0,4}?down|shooting\s+(?:\w+\s+)?down|(?:downed|destroyed)\s+(?:[\w-]+\s+){0,4}?"
        r"(?:helicopters?|aircraft|air\s*planes?|planes?|jets?|fighters?|bombers?)\b",
    ),
    (
        "attack_fire",
        r"(?:fired|firing|opened\s+fire|shot)\s+(?:\w+\s+){0,2}?(?:at|on|upon)\s+(?:a|an|the|two|three)?\s*"
        r"(?:civilian\s+|private\s+|passenger\s+)?(?:cars?|vans?|bus(?:es)?|vehicles?|family|families"
        r"|civilians|residents|people|evacuees|convoy\s+of\s+civilians|pedestrians|cyclists?)\b",
    ),
    (
        "air",
        r"air\s*strikes?|airstrikes?|air\s+raids?|aerial\s+(?:bombardment|attack|bombing)s?|warplanes?"
        r"|fighter\s+jets?|bomb(?:ed|ing|ings|s)\b|drone\s+(?:strike|attack)s?|(?:kamikaze|attack|armed)\s+drones?"
        r"|unmanned\s+aerial|UAVs?|barrel\s+bombs?|helicopter\s+gunships?|Shahed|dropped\s+(?:bombs|grenades|explosives)"
        r"|(?:Russian|military|enemy|war|Israeli|Syrian|regime|junta)\s+(?:planes|aircraft|helicopters)|drones?"
        r"|air\s+force|jets?\s+struck|aircraft\s+(?:struck|attacked|bombed)|bomber|aviation"
        r"|helicopter\s+(?:fire|attacks?|strikes?)|(?:attacked|fired|struck)\s+from\s+helicopters",
    ),
    (
        "shelling",
        r"shell(?:ed|ing|s)?|artill?ery|fired\s+(?:[\w-]+\s+){0,7}?(?:at|on|upon|towards)"
        r"|destroyed\s+(?:[\w-]+\s+){0,4}?(?:columns?|vehicles?|tanks?|trucks?|equipment|convoys?|armou?red|bases?"
        r"|depots?|warehouses?)|mortars?|MLRS|Grad|Uragan|Smerch|Tornado|rockets?|missiles?"
        r"|howitzers?|cluster\s+munitions?|Tochka|Iskander|Kalibr|Kh-\d+|projectiles|fired\s+(?:at|on|upon)"
        r"|opened\s+fire\s+on\s+(?:the\s+)?(?:town|city|village|positions)|heavy\s+weapons|tank\s+fire"
        r"|bombard(?:ed|ment|ing)|pounded|struck|strikes?|hit\s+(?:a|the)\s+(?:residential|hospital)"
        r"|grenade\s+launchers?|explosions?|blasts?|shot\s+down|MANPADS?|Stingers?|anti-aircraft",
    ),
    (
        "looting",
        r"loot(?:ed|ing|s)?|plunder\w*|stole|stolen|steal\w*|ransack\w*|torched|set\s+(?:on\s+)?fire\s+to"
        r"|burn(?:ed|t)\s+(?:down\s+)?(?:houses|homes|shops|villages?|property)|destroyed\s+(?:houses|property)"
        r"|vandali[sz]\w*|demolish\w*|damaged\s+(?:\w+\s+){0,2}?(?:railways?|rail\s+lines?|bridges?|power\s+lines?"
        r"|infrastructure)",
    ),
    ("sexual", r"rap(?:ed|e|es|ing)|sexual(?:ly)?\s+(?:violence|assault\w*|abuse\w*)|gang-rap\w*"),
    (
        "abduct",
        r"abduct\w*|kidnapp?\w*|forcibly\s+disappeared|taken\s+hostage|held\s+hostage|took\s+hostage"
        r"|hostages?|whereabouts\s+(?:are|is|remain)\s+unknown|disappeared|detain\w*|captured\s+(?:civilians|"
        r"residents|the\s+mayor|journalists?|activists?)|taken\s+(?:away|captive)|deported|filtration",
    ),
    ("arrest", r"arrest\w*|apprehended|taken\s+into\s+custody|jailed|imprisoned|sentenced"),
    (
        "excessive",
        r"(?:opened\s+fire|fired|shot)\s+(?:at|on|upon)\s+(?:the\s+)?(?:protesters|demonstrators|crowd|rally)"
        r"|(?:killed|wounded|beat|injured|shot)\s+(?:\w+\s+){0,3}?(?:protesters|demonstrators)|live\s+ammunition"
        r"|(?:protesters|demonstrators)\s+(?:were\s+)?(?:killed|shot\s+dead|shot|injured|wounded)",
    ),
    (
        "intervention",
        r"dispers\w*|tear\s*gas|stun\s+grenades?|water\s+cannons?|warning\s+shots|rubber\s+bullets"
        r"|detained\s+(?:\w+\s+)?(?:protesters|demonstrators)|riot\s+police|restrained",
    ),
    (
        "riot",
        r"rioters?|riot(?:ed|ing|s)\b|molotov|threw\s+(?:stones|rocks|bricks)|clashed\s+with\s+(?:the\s+)?police"
        r"|vandali[sz]ed|set\s+fire\s+to\s+(?:tyres|tires|cars)|stormed|pelt\w*|stone[-\s]pelting"
        r"|hurl\w*\s+(?:stones|rocks|bricks)|burn(?:ed|t|ing)\s+tyres|turned\s+violent|violent\s+(?:protest|clashes)"
        r"|torched\s+(?:vehicles|cars|buses|a\s+police)",
    ),
    ("mob", r"\bmob\b|lynch\w*|vigilantes?|angry\s+crowd|beaten\s+by\s+(?:locals|residents|a\s+crowd)"),
    (
        "protest",
        r"protest\w*|demonstrat(?:ed|ion|ions|ors)|rall(?:y|ies|ied)|marched|picket\w*|sit-in|strike\s+action"
        r"|gathered\s+(?:to|in\s+support|against|outside)|rallies|torch(?:light)?\s+march(?:es)?"
        r"|(?:held|staged|organi[sz]ed)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:march|rally|vigil|picket|flash\s*mob"
        r"|action\s+(?:of|in|against)\b)|gathered\s+(?:in|at|near)(?=\s+(?:central\s+|downtown\s+)?(?-i:[A-Z]))",
    ),
    (
        "regain",
        r"regain\w*|recaptur\w*|retook|retaken|liberat\w*|reclaim\w*|took\s+back|pushed\s+back|counter-?offensive",
    ),
    (
        "capture",
        r"captur(?:ed|ing|e)(?:\s+(?:the\s+)?(?:town|city|village|settlement)|(?=\s+(?-i:[A-Z])))|t(?:ook|ake|aking|aken)\s+(?:full\s+)?control"
        r"|taken\s+control|seized\s+(?:control|the\s+(?:town|city|village|airport|plant|station))|took\s+over"
        r"|overran|occup(?:ied|y|ying)|fell\s+to|entered(?:\s+(?:the\s+)?(?:town|city|village)|(?=\s+(?-i:[A-Z])))"
        r"|established\s+control|gained\s+control|raised\s+(?:the\s+)?(?:Russian\s+)?flag",
    ),
    (
        "clash",
        r"clash(?:ed|es)?|fighting|fought|(?<!for\s)(?<!to\s)battles?|offensive\s+operations?|break\s+through|attempted\s+(?:an?\s+)?(?:assault|offensive|attack)|firefights?|gunfights?|gun\s+battles?|exchanged?\s+fire"
        r"|exchange\s+of\s+fire|skirmish\w*|ambush\w*|assault(?:ed)?|attacked\s+(?:\w+\s+)?positions"
        r"|street\s+fighting|engag(?:ed|ement)|repelled|repulsed|deflected|shots|bursts\s+of\s+fire"
        r"|both\s+directions|small\s+arms|defensive\s+operations?"
        r"|launched\s+(?:an?\s+)?(?:\w+\s+)?(?:offensive|assault|attack)\s+(?:against|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:forces|troops|positions|army|columns?|checkpoints?|units?)"
        r"|attacked\s+(?:and\s+\w+\s+)?(?:[\w-]+\s+){0,3}?(?:columns?|forces|troops|positions|checkpoints?|units?|tanks?)\b",
    ),
    (
        "attack",
        r"shot\s+dead|executed|execution|murder\w*|tortur\w*|beat(?:en|ing)?\b|assaulted|stabb\w*"
        r"|shot\s+(?:and\s+killed\s+)?(?:a|an|the|two|three)\s+(?:civilian|man|woman|boy|girl|driver|resident|"
        r"journalist|priest|doctor|family)|massacre\w*|gunned\s+down|killed\s+(?:a|an|the)\s+\w+|killed\s+(?:civilians|people|residents)"
        r"|opened\s+fire\s+on\s+(?:a|the)?\s*(?:civilian|car|vehicle|bus|residents)|hands\s+tied|ran\s+over"
        r"|shot\s+at\s+(?:a|the)\s+(?:civilian\s+)?(?:car|vehicle|bus)"
        r"|attacked\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:cameraman|journalists?|reporters?|activists?|civilians?|man|woman"
        r"|volunteers?|priest|residents?)\b",
    ),
    (
        "bodies",
        r"bod(?:y|ies)\s+(?:of|were|was|have\s+been|had\s+been)|found\s+(?:\w+\s+){0,3}(?:dead|bod(?:y|ies))"
        r"|mass\s+graves?|corpses|exhum\w*",
    ),
    (
        "agreement",
        r"agreement|agreed|ceasefire|cease-fire|truce|prisoner\s+(?:exchange|swap)|peace\s+(?:deal|talks)"
        r"|signed\s+(?:a|an|the)\s+(?:deal|accord|memorandum)|exchanged\s+prisoners",
    ),
    (
        "hq",
        r"(?:set\s+up|established|establishing)\s+(?:a\s+)?(?:military\s+)?(?:base|headquarters|HQ|camp|command\s+post)",
    ),
    (
        "change",
        r"martial\s+law|mobili[sz]ation|mobili[sz]ed|curfew|state\s+of\s+emergency|column\s+of\s+(?:military\s+)?"
        r"(?:vehicles|tanks|equipment)|movement\s+of\s+forces|convoy\s+of\s+(?:military|tanks)|merged|joined\s+the"
        r"|formed\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:unit|battalion|group|brigade|regiment|detachment)|redeploy\w*|deployed|deployment|reinforcements"
        r"|moving\s+towards|advancing\s+towards|advanced\s+towards",
    ),
    ("withdraw", r"withdr(?:ew|awn|awing|awal|aw)|retreat\w*|pulled\s+(?:back|out)|regroup\w*"),
    (
        "transfer",
        r"without\s+(?:a\s+)?(?:fight|resistance|fighting|clashes)|handed\s+over|surrender\w*|laid\s+down\s+"
        r"(?:their\s+)?arms|peacefully\s+(?:entered|took)",
    ),
    (
        "sanctions",
        r"sanction\w*|embargo\w*|banned\s+(?:\w+\s+){0,3}(?:imports?|investment|exports?)|trade\s+relations"
        r"|tariffs|asset\s+freeze|froze\s+(?:\w+\s+)?assets|blacklist\w*|banning\s+(?:\w+\s+){0,2}(?:oil|gas|coal)"
        r"|dependence\s+on\s+(?:\w+\s+){0,2}(?:coal|oil|gas)",
    ),
    (
        "evacuation_call",
        r"(?:called\s+on|urged|told|asked|ordered)\s+(?:\w+\s+){0,4}?(?:to\s+(?:evacuate|leave|flee))"
        r"|leave\s+while\s+they\s+(?:still\s+)?can|evacuation\s+(?:order|call|corridors?)"
        r"|humanitarian\s+corridors?",
    ),
    ("evacuation", r"evacuat\w*|fled|flee\w*|displace\w*|refugees|IDPs"),
    (
        "humanitarian",
        r"humanitarian\s+(?:convoy|aid|access|assistance|supplies)|aid\s+(?:convoy|trucks|deliveries)"
        r"|Red\s+Cross|ICRC|food,\s+water|cut\s+off\s+(?:from\s+)?(?:food|water|aid|electricity)",
    ),
    ("blockade", r"block(?:ed|ade|aded|ading)|besieg\w*|siege|encircl\w*|surrounded|cut\s+off"),
    (
        "denial",
        r"den(?:y|ies|ied)|insist\w*\s+that\s+\w+\s+(?:\w+\s+)?(?:did|does|had|has)\s+not|rejected\s+(?:the\s+)?"
        r"(?:accusations?|allegations?|claims?)|dismissed\s+(?:the\s+)?(?:accusations?|allegations?|claims?)",
    ),
    (
        "killing",
        r"kill(?:ed|ing|s)|died|dead|deaths?|death\s+toll|fatalit(?:y|ies)|casualt(?:y|ies)|wounded|injur\w*",
    ),
]
_CUES = OrderedScanner(CUE_PATTERNS, re.I)

ACTOR_PATTERNS: list[tuple[str, str]] = [
    (
        r"Russian\s+(?i:military\s+|armed\s+|occupying\s+|occupation\s+)?(?i:forces|troops|soldiers|army|military"
        r"|servicemen|units|invaders|occupiers|tanks?|aircraft|artillery|navy|paratroopers|shelling|strikes?"
        r"|air\s*strikes?|missiles?|rockets?|bombing|bombardment|attacks?|fire|warplanes|jets|drones?|invasion)|Russia's\s+(?:forces|army|"
        r"military)|(?:the\s+)?Russians|Moscow(?:'s)?\s+(?:troops|forces)|Rosgvardia|Kadyrov\w*|Chechen\s+(?:fighters|forces)",
        "Military Forces of Russia (2000-)",
    ),
    (
        r"Ukrainian\s+(?i:military\s+|armed\s+)?(?i:forces|troops|soldiers|army|military|servicemen|units|defenders"
        r"|fighters|navy|air\s+force)|Armed\s+Forces\s+of\s+Ukraine|AFU|Ukraine's\s+(?:forces|army|military)"
        r"|Territorial\s+Defen[cs]e|Azov\s+(?:regiment|battalion)|National\s+Guard\s+of\s+Ukraine",
        "Military Forces of Ukraine (2019-)",
    ),
    (
        r"NAF|DPR|LPR|(?:Donetsk|Luhansk|Donbass?)\s+People's\s+(?:Republic|Militia)|separatists?"
        r"|(?:pro-Russian|Russian-backed)\s+(?:rebels|separatists|forces|fighters)|Novorossiya",
        "NAF: United Armed Forces of Novorossiya",
    ),
    (r"Belarusian\s+(?:forces|troops|army)", "Military Forces of Belarus (1994-)"),
    (
        r"(?:the\s+)?Kremlin|Moscow|Russian\s+(?:government|authorities|Foreign\s+Ministry|Defen[cs]e\s+Ministry)",
        "Government of Russia (2000-)",
    ),
    (
        r"(?:the\s+)?United\s+States|U\.S\.(?:\s+Senate)?|US\s+(?:government|Senate|administration)|Washington"
        r"|Biden\s+administration|the\s+White\s+House",
        "Government of the United States (2021-)",
    ),
    (
        r"Britain|(?:the\s+)?United\s+Kingdom|UK\s+government|London",
        "Government of the United Kingdom (2019-)",
    ),
    (r"(?:the\s+)?EU|(?:the\s+)?European\s+Union|Brussels", "European Union"),
    (
        r"Ukrainian\s+(?:government|authorities)|Kyiv\s+government|Government\s+of\s+Ukraine",
        "Government of Ukraine (2019-)",
    ),
    (r"Rapid\s+Support\s+Forces|RSF", "Rapid Support Forces"),
    (r"Sudanese\s+(?:Armed\s+Forces|army|military)|SAF", "Military Forces of Sudan (2019-)"),
    (
        r"Israeli\s+(?:forces|troops|soldiers|army|military|air\s+force|warplanes|jets|aircraft|drones?|air\s*strikes?"
        r"|strikes?|shelling|bombardment|fire|tanks?)|IDF"
        r"|Israel\s+Defense\s+Forces",
        "Military Forces of Israel (1948-)",
    ),
    (r"Hamas|Qassam\s+Brigades", "Hamas Movement"),
    (r"Islamic\s+Jihad", "PIJ: Palestinian Islamic Jihad"),
    (r"Hezbollah", "Hezbollah"),
    (
        r"(?:Myanmar|Burmese)\s+(?:military|army|junta|forces|troops|soldiers|air\s+force)|Tatmadaw|(?i:junta)(?:\s+(?i:troops|forces|soldiers))?",
        "Military Forces of Myanmar (2021-)",
    ),
    (r"People's\s+Defen[cs]e\s+Forces?|PDFs?", "PDF: People's Defense Force"),
    (
        r"Syrian\s+(?:government\s+|regime\s+)?(?:forces|troops|army|military|warplanes|aircraft)|regime\s+forces",
        "Military Forces of Syria (2000-)",
    ),
    (r"Islamic\s+State|ISIS|ISIL|IS\s+militants|Daesh", "Islamic State"),
    (
        r"JNIM|Jama'?at\s+Nusrat\s+al-Islam\s+wal\s+Muslimin|al-Qaeda\s+affiliate",
        "JNIM: Group for Support of Islam and Muslims",
    ),
    (r"Malian\s+(?:army|forces|troops|soldiers|military)|FAMa", "Military Forces of Mali (2021-)"),
    (r"Wagner(?:\s+Group)?|Africa\s+Corps", "Wagner Group"),
    (
        r"Burkinabe\s+(?:army|forces|troops|soldiers)|Burkina\s+Faso's\s+army|VDP",
        "Military Forces of Burkina Faso (2022-)",
    ),
    (
        r"(?i:(?:unidentified|unknown)\s+(?:gunmen|armed\s+(?:men|group)|assailants|attackers)|gunmen|armed\s+men"
        r"|militants|jihadists|insurgents|terrorists)",
        "Unidentified Armed Group",
    ),
    (
        r"(?i:security\s+forces|government\s+(?:forces|troops)|(?:the\s+)?national\s+army|army\s+troops"
        r"|(?:the\s+)?army|(?:the\s+)?armed\s+forces)",
        "Military Forces",
    ),
    (
        r"(?i:police(?:men)?|police\s+officers|National\s+Police)|Security\s+Service\s+of\s+Ukraine|SBU",
        "Police Forces",
    ),
    (r"(?i:protesters|demonstrators|residents\s+protested)", "Protesters"),
    (r"(?i:rioters)", "Rioters"),
]
_ACTORS = OrderedScanner([(a, p) for p, a in ACTOR_PATTERNS])
_CIVILIAN_RE = re.compile(
    r"\b(?:civilians?|residents?|villagers|children|women|people|man|woman|boy|girl|family"
    r"|journalists?|priest|doctor|driver|patients|activists?|mayor|locals|homes?|houses"
    r"|residential|hospitals?|schools?|shelters?|markets?|supermarket)\b",
    re.I,
)


def find_cues(text: str, start: int, end: int, sentence: int) -> list[EventCue]:
    """Event cue words in ``text[start:end]`` (document offsets); at one position the first kind wins."""
    out: list[EventCue] = []
    for kind, m in _CUES.finditer(text, start, end):
        out.append(EventCue(m.start(), m.end(), m.group(0), kind, sentence))
    return out


def find_actors(text: str, start: int, end: int, sentence: int) -> list[ActorMention]:
    """Armed/state/protest actors in ``text[start:end]`` with ACLED-style names."""
    return [
        ActorMention(m.start(), m.end(), m.group(0), name, sentence)
        for name, m in _ACTORS.finditer(text, start, end)
    ]


def has_civilian_target(text: str) -> bool:
    return bool(_CIVILIAN_RE.search(text))
