"""warledger's spaCy pipeline components (registered on import of ``warledger.nlp``).

Each works on a Doc (in the engine: one selected sentence, made with ``nlp.make_doc`` and carrying
``doc.user_data["wl_published"]``) and stores plain dataclasses in ``Doc._`` extensions, with
offsets relative to ``doc.text``:

- ``warledger_numbers``  → ``doc._.wl_numbers``  (NumberMention: digits, words, vague, ranges)
- ``warledger_dates``    → ``doc._.wl_dates``    (DateMention resolved on the publication date)
- ``warledger_speakers`` → ``doc._.wl_speakers`` (Attribution: name / role / organization)
- ``warledger_figures``  → ``doc._.wl_figures``  (FigureCandidate; uses the dependency parse)

Registration happens at import, so worker processes started with the ``spawn`` context get the
factories as soon as they import ``warledger.nlp``.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from warledger.nlp.dates import find_dates
from warledger.nlp.figures import ParseToken, figures_in_sentence
from warledger.nlp.numbers import find_quantities
from warledger.nlp.speakers import attributions_in_sentence

for _name in ("wl_numbers", "wl_dates", "wl_speakers", "wl_figures"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def parse_tokens(doc: Doc) -> list[ParseToken] | None:
    """The dependency parse of ``doc`` as plain data, or None when the doc is not parsed."""
    if not doc.has_annotation("DEP"):
        return None
    return [
        ParseToken(t.idx, t.idx + len(t.text), t.text, t.lemma_ or t.text.lower(), t.pos_, t.dep_, t.head.i)
        for t in doc
    ]


class _NumbersComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.wl_numbers = find_quantities(doc.text)
        return doc


class _DatesComponent:
    def __call__(self, doc: Doc) -> Doc:
        pub = doc.user_data.get("wl_published")
        doc._.wl_dates = find_dates(doc.text, 0, len(doc.text), pub if isinstance(pub, date) else None)
        return doc


class _SpeakersComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.wl_speakers = attributions_in_sentence(doc.text, 0, len(doc.text))
        return doc


class _FiguresComponent:
    def __call__(self, doc: Doc) -> Doc:
        nums = doc._.wl_numbers if doc._.wl_numbers is not None else find_quantities(doc.text)
        doc._.wl_figures = figures_in_sentence(doc.text, 0, len(doc.text), nums, [], parse_tokens(doc))
        return doc


@Language.factory("warledger_numbers", assigns=["doc._.wl_numbers"])
def make_numbers(nlp: Language, name: str) -> _NumbersComponent:
    return _NumbersComponent()


@Language.factory("warledger_dates", assigns=["doc._.wl_dates"])
def make_dates(nlp: Language, name: str) -> _DatesComponent:
    return _DatesComponent()


@Language.factory("warledger_speakers", assigns=["doc._.wl_speakers"])
def make_speakers(nlp: Language, name: str) -> _SpeakersComponent:
    return _SpeakersComponent()


@Language.factory(
    "warledger_figures",
    requires=["token.dep", "token.head", "doc._.wl_numbers"],
    assigns=["doc._.wl_figures"],
)
def make_figures(nlp: Language, name: str) -> _FiguresComponent:
    return _FiguresComponent()


WARLEDGER_PIPES = ("warledger_numbers", "warledger_dates", "warledger_speakers", "warledger_figures")
