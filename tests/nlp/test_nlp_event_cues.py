"""Event cues for reports that name no casualties (our own sentences, invented facts): offensives
against forces, downed aircraft, mines hit by vehicles, marches and gatherings, units formed,
infrastructure damaged, control taken.  Each must give one incident of the expected ACLED type."""

from __future__ import annotations

from datetime import date

import pytest

from warledger.nlp import Engine, build_incidents

PUB = date(2023, 5, 2)

CASES = [
    (
        "On 1 May 2023, the army launched an offensive against rebel forces near Kalay. Casualties unknown.",
        ("Battles", "Armed clash"),
    ),
    (
        "On 1 May 2023, militia fighters attacked two columns of government troops between the villages.",
        ("Battles", "Armed clash"),
    ),
    (
        "On 1 May 2023, government forces downed a rebel Mi-8 helicopter over the airfield.",
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ),
    (
        "On 1 May 2023, a tractor exploded on a mine in a field near the village. The driver died.",
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ),
    (
        "On 1 May 2023, sappers blew two bridges up to slow the advance.",
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ),
    (
        "On 1 May 2023, members of the Green Party held a torch march in Lviv to mark the anniversary.",
        ("Protests", "Peaceful protest"),
    ),
    (
        "On 1 May 2023, about 40 pensioners gathered in Odesa to demand higher payments.",
        ("Protests", "Peaceful protest"),
    ),
    (
        "On 1 May 2023, volunteers formed the Sich battalion within the territorial defence in Poltava.",
        ("Strategic developments", "Change to group/activity"),
    ),
    (
        "On 1 May 2023, saboteurs damaged railways near Kovel.",
        ("Strategic developments", "Looting/property destruction"),
    ),
    (
        "On 1 May 2023, the aviation targeted the town of Izium. Casualties unknown.",
        ("Explosions/Remote violence", "Air/drone strike"),
    ),
    (
        "On 1 May 2023, the village school was hit by artilery, causing a fire. No casualties were reported.",
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_reports_without_casualties_still_make_an_incident(
    engine: Engine, text: str, want: tuple[str, str]
) -> None:
    an = engine.analyze(text, PUB)
    incs = build_incidents(text, an, published=PUB, locate=lambda s, e: None)
    assert [(i.event_type, i.sub_event_type) for i in incs] == [want], text


def test_people_gathering_indoors_is_not_a_protest(engine: Engine) -> None:
    text = "On 1 May 2023, residents gathered in the basement during the air raid alert."
    an = engine.analyze(text, PUB)
    incs = build_incidents(text, an, published=PUB, locate=lambda s, e: None)
    assert all(i.event_type != "Protests" for i in incs)
