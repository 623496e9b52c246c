"""Word lists that steer toponym detection: context cues, title and institution words, months.

These are generic English function and role words, not place names; place names that are also
ordinary English words are flagged from a dictionary when the gazetteer is built (``common``).
"""

from __future__ import annotations


def _w(*chunks: str) -> frozenset[str]:
    return frozenset(" ".join(chunks).split())


# Words (lower case) that, right before a name, announce a place.
PLACE_PREPOSITIONS = _w(
    "across along around at between beyond from in inside into near of off on outside over past through",
    "throughout to toward towards under via within",
)
STRONG_CUES = _w(
    "around at from in into near outside toward towards",
)
FEATURE_WORDS = {
    "village": "PPL",
    "villages": "PPL",
    "town": "PPL",
    "towns": "PPL",
    "city": "PPL",
    "cities": "PPL",
    "settlement": "PPL",
    "hamlet": "PPL",
    "capital": "PPL",
    "port": "PPL",
    "suburb": "PPL",
    "region": "ADM",
    "province": "ADM",
    "state": "ADM",
    "oblast": "ADM",
    "district": "ADM",
    "county": "ADM",
    "governorate": "ADM",
    "country": "PCL",
    "nation": "PCL",
    "republic": "PCL",
}
# Words after a place name inside an organisation or title ("Kyiv Oblast Police", "Donetsk Governor").
INSTITUTION_WORDS = _w(
    "administration agency airport area areas army assembly authorities authority avenue battalion border",
    "bridge brigade bureau center centre church city club college command commission committee consulate",
    "council county court daily department district division embassy federation forces front gazette",
    "government governor governorate guard guards herald highway hospital hromada independent institute",
    "international journal lake mayor metro metropolitan military militia ministry mountain mountains",
    "municipal municipality museum news oblast office park parliament people's peoples police post press",
    "prosecutor prosecutors province radio railway raion rayon regiment region regional republic river",
    "road school sea service services square stadium state station street television times tribune tv",
    "union university valley zoo",
)
TITLE_WORDS = _w(
    "sens reps gov govs lt gen",
    "ambassador ayatollah capt captain chancellor chief col colonel commander councillor councilman",
    "councilor deputy director dr emir gen general governor head judge king lady lord lt major mayor",
    "minister mr mrs ms officer pope premier president prime prince princess prof professor queen rep",
    "saint secretary sen senator sgt sheikh sir spokesman spokesperson spokeswoman st",
)
# Role nouns right before a person's name ("writers Yuras Karmanau", "resident Olena Kurilo")
ROLE_WORDS = _w(
    "analyst analysts author correspondent correspondents editor journalist journalists photographer",
    "photographers reporter reporters resident residents writer writers",
)
GOVERNOR_WORDS = _w(
    "governor governors governorship",
)
DIRECTION_WORDS = _w(
    "central east eastern greater lower north northeast northeastern northern northwest northwestern",
    "south southeast southeastern southern southwest southwestern upper west western",
)
CONNECTORS = _w(
    "al am an and da das de del della des di do dos du el im imeni la le les of on sur the upon y",
)
MONTHS_DAYS = _w(
    "april august december february friday january july june march may monday november october saturday",
    "september sunday thursday tuesday wednesday",
)
NEAR_WORDS = _w(
    "around close environs near nearby outside outskirts surrounding vicinity",
)
ANAPHORA = {
    "city": "PPL",
    "town": "PPL",
    "village": "PPL",
    "settlement": "PPL",
    "capital": "PPL",
    "port": "PPL",
    "region": "ADM",
    "province": "ADM",
    "oblast": "ADM",
    "district": "ADM",
    "area": "ANY",
}
# Adjectives of continents and world regions: like demonyms they describe, they do not locate
# ("European leaders"); single words only, so "European Union" is still matched as a name.
REGION_ADJECTIVES = _w(
    "african africans american americans arab arabs asian asians balkan caucasian eurasian european",
    "europeans latin nordic scandinavian slavic",
)
# Continent adjectives and the continent (GeoNames' own name) they stand for: kept as demonyms,
# like nationality words ("European leaders" says whose, not where).
CONTINENT_ADJECTIVES = {
    "african": "Africa",
    "asian": "Asia",
    "european": "Europe",
    "antarctic": "Antarctica",
    "north american": "North America",
    "south american": "South America",
}
# Lower-case words after a name that make it a weapon's or a unit's name ("Grad missiles",
# "Wagner group"), not a place.
MATERIEL_WORDS = _w(
    "howitzer howitzers launcher launchers missile missiles mlrs rocket rockets",
)
GROUP_WORDS = _w(
    "battalion battalions brigade brigades group groups mercenaries regiment regiments",
    # a building or street named after a place or person ("Suleiman mosque")
    "avenue cathedral church factory market mosque plant street",
)
# Lower-case words after a name that make it a part of a city ("Kirov microdistrict in Sumy")
CITY_PART_WORDS = _w(
    "microdistrict microdistricts neighborhood neighborhoods neighbourhood neighbourhoods quarter",
)
# Words before a name that make it a ship's name ("the warship Moskva", "vessel Yasa Jupiter")
VESSEL_WORDS = _w(
    "boat carrier corvette cruiser destroyer frigate ship tanker vessel warship",
)
WATER_WORDS = _w(
    "bay gulf lake ocean river sea strait straits",
)
MONTH_ABBREVIATIONS = _w(
    "apr aug dec feb fri jan jul jun mar mon nov oct sat sep sept sun thu thur thurs tue tues wed",
)
SPEECH_VERBS = _w(
    "added argued asked explained insisted noted recalled said says stated told wrote",
)
# AP-style and postal abbreviations of US states and Canadian provinces
# (after "Town, "; the dotted ones anywhere).
US_STATES = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Kans.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Tex.": "Texas",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "W. Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
    "D.C.": "District of Columbia",
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "DC": "District of Columbia",
    # Canadian provinces (country marked "CA:")
    "B.C.": "CA:British Columbia",
    "Alta.": "CA:Alberta",
    "Sask.": "CA:Saskatchewan",
    "Man.": "CA:Manitoba",
    "Ont.": "CA:Ontario",
    "Que.": "CA:Quebec",
    "N.S.": "CA:Nova Scotia",
    "N.B.": "CA:New Brunswick",
    "P.E.I.": "CA:Prince Edward Island",
    "AB": "CA:Alberta",
    "BC": "CA:British Columbia",
    "MB": "CA:Manitoba",
    "NL": "CA:Newfoundland and Labrador",
    "NS": "CA:Nova Scotia",
    "ON": "CA:Ontario",
    "PE": "CA:Prince Edward Island",
    "QC": "CA:Quebec",
    "SK": "CA:Saskatchewan",
    # Australian states
    "NSW": "AU:New South Wales",
    "Nfld.": "CA:Newfoundland and Labrador",
}
# English function words: capitalised at a sentence start they are never place names.
FUNCTION_WORDS = _w(
    "a about above act after again against all also an and any are as at be because been before being",
    "below between both but by can could day did do does down during each even every few for free from",
    "further had has have he her here him his how i if in into is it its just many may me might more most",
    "much must my no nor not now of off on once one only or other our out over own same shall she should",
    "so some still such than that the their them then there these they this those three through to too",
    "two under until up us very was we were what when where which while who whom whose why will would yet",
    "you your",
)
CONTRACTION_HEADS = _w(
    "can didn doesn don he i isn it let she that there they we what won you",
)
ABBREVIATION_HEADS = _w(
    "ft mt pt st",
)
