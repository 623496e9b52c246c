"""Challenge dispatches written for warledger's tests (our own words; facts are invented or generic).

Each is (text, published date) with the hard cases the extraction engine must handle.
"""

from __future__ import annotations

from datetime import date

SAHEL = (
    "Gunmen on motorbikes killed at least 40 civilians, including 12 children, in an attack on a "
    "village in northern Burkina Faso on Sunday, a local official told AFP on condition of anonymity.\n\n"
    "Dozens more were wounded and some 3,000 residents fled to the regional capital, 60 km to the "
    "south, the official said. The village had been under a jihadist blockade for two years.\n\n"
    'In neighbouring Mali, the army said it had "neutralised" 25 terrorists during an operation '
    "in the Mopti region last week. A 14-year-old shepherd was among those detained, his family said.",
    date(2024, 6, 11),  # a Tuesday
)

SUDAN = (
    "The Rapid Support Forces shelled a displacement camp outside El Fasher on Friday, killing 15 "
    "people and wounding 30 others, the Sudan Doctors Network said in a statement.\n\n"
    "Among the dead were four women and a nurse, according to the network. The camp, which shelters "
    "about 500,000 people, has been besieged since May. Aid agencies said $5 million in supplies was "
    "stuck at the border.\n\n"
    "The RSF denied targeting civilians and claimed the army had used the camp as a base.",
    date(2024, 7, 1),  # a Monday
)

GAZA = (
    "Israeli airstrikes killed between 20 and 25 people overnight in Gaza City, according to the "
    "health ministry in the territory. Rescuers said the bodies of nine people, seven of them "
    "children, were pulled from the rubble of one house.\n\n"
    "The ministry says the death toll since October has risen to more than 30,000. About 70% of "
    "homes have been damaged. The Israeli military said it had struck militant targets and denied "
    "hitting the house.",
    date(2024, 3, 2),
)

MYANMAR = (
    "Junta troops detained about 30 villagers during a raid in Sagaing region on Wednesday, a "
    "spokesman for the local People's Defense Force said. Two of them were later found dead with "
    "gunshot wounds.\n\n"
    '"They burned more than 100 houses," he said. Residents said three soldiers were killed when '
    "resistance fighters ambushed the column as it left.",
    date(2023, 5, 5),  # a Friday
)

SYRIA = (
    "A car bomb exploded in a crowded market in Azaz on 16 March, killing five people and injuring "
    "20, the Syrian Observatory for Human Rights reported. Eight of the wounded were in critical "
    "condition. The town, home to 250,000 people, has been hit by at least 12 such attacks since 2017.",
    date(2023, 3, 17),
)

UKRAINE = (
    "Kharkiv regional governor Oleh Synehubov said a Russian missile strike on the city on Saturday "
    'killed seven people and injured 11. "We have found 12 bodies so far," Synehubov said later. '
    "Police said they detained two men suspected of spotting targets for Russian forces.\n\n"
    "Ukrainian officials expect as many as 5,000 people to be evacuated from the frontline town in "
    "mid-April. Last week, a 64-year-old woman was wounded by shelling in the same district.",
    date(2023, 4, 3),  # a Monday
)

ALL = {"sahel": SAHEL, "sudan": SUDAN, "gaza": GAZA, "myanmar": MYANMAR, "syria": SYRIA, "ukraine": UKRAINE}
