"""Duplicate scoring for the people registry (pure Python, no Django).

``score(a, b)`` adds log-odds weights for each piece of evidence (name and aliases, NIK, sex, birth
date/year, mother's and father's names, area of origin) and squashes the sum with a logistic
function. On the labelled set in ``labelled_names`` the result reads roughly as a probability
(pairs scored 0.35–0.6 are the same person 40% of the time, 0.6–0.8: 60%, 0.8–0.9: 80%, ≥ 0.9:
almost always; it depends on the share of true pairs, 27% there). The thresholds below were chosen
there, see ``labelled_names.evaluate``.

Normalisation is cached per Candidate (``Candidate.prepared``) and per name string, so ranking a
new person against a few hundred candidates stays in the low milliseconds.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from desaku.people.names import (
    consonant_skeleton,
    father_tokens,
    fold_token,
    name_tokens,
    split_tokens,
    token_weight,
)
from desaku.people.nicknames import NICKNAME_SIM, is_nickname_pair, related

# Measured on labelled_names.evaluate (seed 1972; seeds 1–4 in brackets):
#   0.35 → precision 0.81 [0.82–0.84], recall 0.96 [0.97–0.98]
#   0.90 → precision 0.997 [0.98–1.00], recall 0.53 [0.49–0.54]
# Precision at 0.35 is capped by namesakes and "Purnomo" vs "Purnomo Gunawan" pairs with no birth
# year or mother's name to tell them apart (without namesakes it is 0.90); those are exactly the
# pairs a worker should look at. Recall was preferred: a missed duplicate looks "first-time".
DEFAULT_THRESHOLD = 0.35  # "possible duplicate": shown to the worker for review
HIGH_CONFIDENCE = 0.9  # "likely the same person"

_BIAS = -1.0
_MIN_TOKEN_SIM = 0.7  # below this two tokens are different names, not variants
_W_BETTER = 0.8  # weight of the better-covered direction (a dropped name part is normal)
# Log-odds for the best name similarity (piecewise linear, before _BIAS).
_NAME_CURVE = ((0.0, -5.0), (0.5, -2.5), (0.6, -1.6), (0.7, -0.8), (0.8, 0.2), (0.9, 1.3), (1.0, 2.3))
_SEX_MISMATCH = -5.0
_NIK_DIFFERENT = -6.0
_MOTHER = (2.5, -2.0)  # same, different
_FATHER = (1.2, -1.0)


@dataclass(frozen=True)
class Reason:
    code: str  # stable machine code, e.g. "similar_name"
    label: str  # Indonesian text for the worker, e.g. "Nama mirip (92%)"
    weight: float  # log-odds contribution: > 0 supports "same person"

    def as_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "weight": round(self.weight, 2)}


@dataclass(slots=True)  # not frozen: frozen dataclasses are slow to build, and these are many
class _Name:
    text: str
    key: str  # the tokens joined by spaces: identity for caching
    toks: tuple[str, ...]  # normalised tokens, common elements split off (names.split_tokens)
    weights: tuple[float, ...]
    total: float
    compact: str  # all folded tokens joined
    rare: str  # distinctive (non-common) folded tokens joined: split/joined names with a typo


@lru_cache(maxsize=65536)
def _prepare_name(text: str) -> _Name | None:
    toks = tuple(split_tokens(name_tokens(text or "")))
    if not toks:
        return None
    weights = tuple(token_weight(t) for t in toks)
    folded = [fold_token(t) for t in toks]
    rare = "".join(f for f, w in zip(folded, weights, strict=True) if w >= 0.7)
    return _Name(text, " ".join(toks), toks, weights, sum(weights), "".join(folded), rare)


@lru_cache(maxsize=65536)
def _father_name(text: str) -> _Name | None:
    toks = father_tokens(text or "")
    return _prepare_name(" ".join(toks)) if toks else None


@dataclass(slots=True)
class _Prepared:
    names: tuple[_Name, ...]  # full name first, then aliases
    father: _Name | None
    mother: _Name | None
    year: int | None  # None when the quality is unknown
    exact: bool
    date: date | None  # only for exact dates
    kab: str  # "35.07"; "" if unknown
    prov: str  # "35"
    origin: str


@dataclass(eq=False)
class Candidate:
    id: Any = None
    full_name: str = ""
    aliases: tuple[str, ...] = ()
    sex: str = ""  # "L", "P" or "" (unknown)
    birth_date: date | None = None
    birth_date_quality: str = "unknown"  # "exact" / "approximate" / "unknown"
    birth_year: int | None = None
    mother_name: str = ""
    origin_code: str = ""  # Kemendagri code: "35.07", "35.73.03.1012", or ""
    nik_hash: str | None = None
    _prep: _Prepared | None = field(default=None, init=False, repr=False)

    def __post_init__(self):
        self.aliases = tuple(a for a in (self.aliases or ()) if a)
        if self.birth_year is None and self.birth_date is not None:
            self.birth_year = self.birth_date.year

    @property
    def prepared(self) -> _Prepared:
        """Normalised forms, computed once (do not change a Candidate after scoring it)."""
        if self._prep is None:
            self._prep = _prepare(self)
        return self._prep


def _prepare(c: Candidate) -> _Prepared:
    first = _prepare_name(c.full_name or "")
    father = _father_name(c.full_name or "")
    if c.aliases:
        names = tuple(n for n in [first, *map(_prepare_name, c.aliases)] if n)
        if father is None:
            father = next((f for f in map(_father_name, c.aliases) if f), None)
    else:
        names = (first,) if first else ()
    known = c.birth_date_quality in ("exact", "approximate") and c.birth_year is not None
    code = (c.origin_code or "").strip()
    return _Prepared(
        names=names, father=father, mother=_prepare_name(c.mother_name or ""),
        year=c.birth_year if known else None, exact=c.birth_date_quality == "exact",
        date=c.birth_date if c.birth_date_quality == "exact" else None,
        kab=code[:5] if len(code) >= 5 and code[2:3] == "." else "",
        prov=code[:2] if code[:2].isdigit() else "", origin=code)


# --- names -------------------------------------------------------------------------------------

_SIM_CACHE: dict[tuple[str, str], float] = {}
_NAME_CACHE: dict[tuple[str, str], float] = {}
_CACHE_LIMIT = 100_000  # entries; ~12 MB at most, then start again


def _token_sim(t: str, u: str) -> float:
    if t == u:
        return 1.0
    key = (t, u) if t < u else (u, t)
    sim = _SIM_CACHE.get(key)
    if sim is None:
        if len(_SIM_CACHE) > _CACHE_LIMIT:
            _SIM_CACHE.clear()
        sim = _SIM_CACHE[key] = _compute_token_sim(t, u)
    return sim


def _compute_token_sim(t: str, u: str) -> float:
    ft, fu = fold_token(t), fold_token(u)
    if ft == fu:
        return 1.0
    sim = _fragment_sim(ft, fu)
    if sim < 0.9 and (ft != t or fu != u):
        # The plain forms keep a typo next to a folded letter (Beoj/Bejo, where Bejo folds to
        # "beja") at one edit.
        sim = max(sim, _fragment_sim(t, u))
    if sim < NICKNAME_SIM and is_nickname_pair(ft, fu):
        sim = NICKNAME_SIM  # Ucup/Yusuf, Wawan/Kurniawan: the nickname table (nicknames.py)
    return sim


def _nickname_equal(a: _Name, b: _Name) -> bool:
    """Same number of tokens, each pair equal after folding or a nickname pair (in order)."""
    if len(a.toks) != len(b.toks):
        return False
    nick = False
    for t, u in zip(a.toks, b.toks, strict=True):
        ft, fu = fold_token(t), fold_token(u)
        if ft == fu:
            continue
        if not is_nickname_pair(ft, fu):
            return False
        nick = True
    return nick


def _nickname_pair(a: _Name, b: _Name) -> tuple[str, str] | None:
    """The first (token of a, token of b) whose similarity comes from the nickname table, if any."""
    for t in a.toks:
        ft = fold_token(t)
        for u in b.toks:
            fu = fold_token(u)
            if ft != fu and is_nickname_pair(ft, fu) and _token_sim(t, u) == NICKNAME_SIM:
                return t, u
    return None


def _fragment_sim(t: str, u: str) -> float:
    short, long = (t, u) if len(t) <= len(u) else (u, t)
    n, m = len(short), len(long)
    if n <= 2:  # initial ("S." for Santoso) or fragment: weak
        return 0.6 if long.startswith(short) else 0.0
    dist = OSA.distance(t, u)  # OSA: a swapped pair of letters is one edit
    sim = 1.0 - dist / m
    if m == n:
        if n >= 4 and dist <= 2 and sim < 0.9 and consonant_skeleton(t) == consonant_skeleton(u):
            sim = 0.9 - 0.1 * (dist - 1)  # vowels only: Qosim/Qusim, Rohmat/Rahmat
        return sim
    # Nicknames are fragments of the full name: Yanto for Suryanto, Budi for Budiyanto.
    if long.endswith(short):
        return max(sim, 0.9 if n >= 4 else 0.75)
    if long.startswith(short):
        return max(sim, 0.85 if n >= 4 else 0.7)
    if n >= 4:
        if short in long:
            return max(sim, 0.8)
        if sim < 0.7 and long[-1] == short[-1]:  # an end fragment with a variant spelling or typo
            sim = max(sim, 0.85 * OSA.normalized_similarity(short, long[-n:]))
    return sim


def _could_match(t: str, u: str) -> bool:
    """False only if ``_fragment_sim(t, u)`` is surely below _MIN_TOKEN_SIM (cheap checks)."""
    short, long = (t, u) if len(t) <= len(u) else (u, t)
    n = len(short)
    return n >= 3 and (short in long or (n >= 6 and long[-1] == short[-1]))


def _prefill_token_cache(new: _Prepared, others: list[_Prepared]) -> None:
    """Token similarities of new's names against all candidates' names, in one pass.

    Pairs whose similarity is surely below _MIN_TOKEN_SIM are stored as 0.0 without computing
    them: below that threshold the value is not used. The bound: OSA similarity ≥ 0.7, or a
    vowel-only difference of ≤ 2 letters in ≥ 4 letters, both imply an Indel ratio ≥ 50; the
    fragment rules are checked in ``_could_match``.
    """
    mine = {t for n in new.names for t in n.toks}
    theirs = {u for p in others for n in p.names for u in n.toks} - mine
    for t in mine:
        choices = [u for u in theirs if ((t, u) if t < u else (u, t)) not in _SIM_CACHE]
        if not choices:
            continue
        ft = fold_token(t)
        folded = [fold_token(u) for u in choices]
        nicks = related(ft)
        near = {i for _, _, i in process.extract(t, choices, scorer=fuzz.ratio, score_cutoff=49, limit=None)}
        near |= {i for _, _, i in process.extract(ft, folded, scorer=fuzz.ratio, score_cutoff=49, limit=None)}
        for i, u in enumerate(choices):
            key = (t, u) if t < u else (u, t)
            if i in near or _could_match(t, u) or _could_match(ft, folded[i]) or folded[i] in nicks:
                _SIM_CACHE[key] = _compute_token_sim(t, u)
            else:
                _SIM_CACHE[key] = 0.0


def _cover(a: _Name, b: _Name) -> float:
    """Weighted share of a's tokens that have a variant in b (0..1), discounted if a is thin."""
    got = 0.0
    btoks = b.toks
    for t, w in zip(a.toks, a.weights, strict=True):
        if t in btoks:
            got += w
            continue
        best = 0.0
        for u in btoks:
            s = _token_sim(t, u)
            if s > best:
                best = s
        if best >= _MIN_TOKEN_SIM:
            got += w * best
    # A name made only of common elements ("Siti") or of one short token ("Adi") proves little.
    return got / a.total * min(1.0, a.total)


def name_similarity(a: _Name, b: _Name) -> float:
    """Similarity of two prepared names in [0, 1] (1 = equal after normalisation and folding)."""
    if a.compact == b.compact:
        return 1.0
    key = (a.key, b.key) if a.key < b.key else (b.key, a.key)
    sim = _NAME_CACHE.get(key)
    if sim is None:
        ab, ba = _cover(a, b), _cover(b, a)
        sim = _W_BETTER * max(ab, ba) + (1 - _W_BETTER) * min(ab, ba)
        if a.rare and b.rare:
            joined = OSA.normalized_similarity(a.rare, b.rare)
            if joined >= 0.85:  # Ngadiminpurnomo / Ngadimin Purnomo
                sim = max(sim, joined)
        if sim < NICKNAME_SIM and _nickname_equal(a, b):
            # Token for token the same name but for nicknames (Mamad / Muhammad, Dul / Abdul): as
            # strong as the nickname itself, also when the formal name is a thin common element.
            sim = NICKNAME_SIM
        if len(_NAME_CACHE) > _CACHE_LIMIT:
            _NAME_CACHE.clear()
        _NAME_CACHE[key] = sim
    return sim


def _name_weight(sim: float, na: _Name, nb: _Name) -> float:
    weight = _interp(sim, _NAME_CURVE)
    if sim >= 0.85:
        # Agreement on several distinctive tokens is rarer by chance than on one ("Budi").
        weight += 0.8 * max(0.0, min(1.0, min(na.total, nb.total) - 1.0))
    return weight


def _best_name(pa: _Prepared, pb: _Prepared) -> tuple[float, float, _Name, _Name]:
    """(log-odds, similarity, name of a, name of b) for the best pair over every name and alias.

    "Best" is the highest log-odds, which is symmetric in a and b (the first name/alias pair that
    reaches it is reported).
    """
    best = None
    for na in pa.names:
        for nb in pb.names:
            sim = name_similarity(na, nb)
            weight = _name_weight(sim, na, nb)
            if best is None or weight > best[0]:
                best = (weight, sim, na, nb)
    return best


def _interp(x: float, curve) -> float:
    for (x0, y0), (x1, y1) in zip(curve, curve[1:], strict=False):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return curve[-1][1]


def _name_evidence(pa: _Prepared, pb: _Prepared, reasons: list | None) -> tuple[float, float]:
    weight, sim, na, nb = _best_name(pa, pb)
    if reasons is not None:
        pct = round(sim * 100)
        if sim < 0.6:
            reasons.append(Reason("different_name", f"Nama berbeda ({pct}%)", weight))
        elif sim < 1.0 and (nick := _nickname_pair(na, nb)):
            via = f" lewat alias “{na.text if na is not pa.names[0] else nb.text}”" if (
                na is not pa.names[0] or nb is not pb.names[0]) else ""
            reasons.append(Reason("nickname_match", f"Nama panggilan cocok ({nick[0].title()} ↔ "
                                  f"{nick[1].title()}){via} ({pct}%)", weight))
        elif na is not pa.names[0] or nb is not pb.names[0]:
            alias = na.text if na is not pa.names[0] else nb.text
            reasons.append(Reason("alias_match", f"Cocok dengan nama alias “{alias}” ({pct}%)", weight))
        elif sim == 1.0:
            reasons.append(Reason("same_name", "Nama sama (setelah penyeragaman ejaan)", weight))
        else:
            reasons.append(Reason("similar_name", f"Nama mirip ({pct}%)", weight))
    return weight, sim


# --- other evidence ----------------------------------------------------------------------------

def _birth_evidence(pa: _Prepared, pb: _Prepared, reasons: list | None) -> float:
    if pa.year is None or pb.year is None:
        return 0.0
    code = "birth_year"
    if pa.date and pb.date and pa.date == pb.date:
        code, weight, label = "same_birth_date", 2.5, "Tanggal lahir sama"
    elif (pa.date and pb.date and pa.date.year == pb.date.year
          and (pa.date.day, pa.date.month) == (pb.date.month, pb.date.day)):
        code, weight, label = "birth_date_swapped", 2.0, "Tanggal lahir sama (tanggal/bulan tertukar)"
    else:
        diff = abs(pa.year - pb.year)
        tolerance = 1 if pa.exact and pb.exact else 5  # estimated ages are rounded, often to 5 years
        if diff == 0:
            weight, label = (1.0 if pa.exact and pb.exact else 0.8), "Tahun lahir sama"
        elif diff == 1:
            weight, label = 0.5, "Tahun lahir selisih 1"
        elif diff <= tolerance:
            weight, label = (0.3 if diff == 2 else 0.0), f"Tahun lahir (perkiraan) selisih {diff}"
        else:
            code, weight = "birth_year_far", -min(4.0, 1.5 + 0.4 * (diff - tolerance - 1))
            label = f"Tahun lahir berbeda jauh (selisih {diff})"
    if reasons is not None:
        reasons.append(Reason(code, label, weight))
    return weight


def _relative_evidence(a: _Name | None, b: _Name | None, code: str, who: str, reasons: list | None,
                       weights: tuple[float, float]) -> float:
    if a is None or b is None:
        return 0.0
    same, differ = weights
    sim = name_similarity(a, b)
    if sim >= 0.85:
        weight = same * min(1.0, min(a.total, b.total))  # "Siti" alone proves little
        code, label = f"same_{code}", f"Nama {who} sama"
    elif sim >= 0.7:
        weight = 0.3 * same
        code, label = f"similar_{code}", f"Nama {who} mirip ({round(sim * 100)}%)"
    else:
        weight = differ
        code, label = f"different_{code}", f"Nama {who} berbeda"
    if reasons is not None:
        reasons.append(Reason(code, label, weight))
    return weight


def _origin_evidence(pa: _Prepared, pb: _Prepared, reasons: list | None) -> float:
    if pa.kab and pb.kab:
        if pa.kab == pb.kab:
            precise = len(pa.origin) >= 8 and pa.origin == pb.origin
            code, weight, label = "same_origin", (0.9 if precise else 0.6), "Daerah asal sama"
        else:
            code, label = "different_origin", "Daerah asal berbeda"
            weight = -0.2 if pa.prov == pb.prov else -0.6  # people move within a province
    elif pa.prov and pb.prov and pa.prov != pb.prov:
        code, weight, label = "different_origin", -0.6, "Provinsi asal berbeda"
    else:
        return 0.0
    if reasons is not None:
        reasons.append(Reason(code, label, weight))
    return weight


def _upper_bound_rest(pa: _Prepared, pb: _Prepared) -> float:
    """Most that the non-name evidence could add for this pair (for pruning in ``rank``)."""
    bound = 0.2
    if pa.year is not None and pb.year is not None:
        bound += 2.5
    if pa.mother and pb.mother:
        bound += _MOTHER[0]
    if pa.father and pb.father:
        bound += _FATHER[0]
    if pa.kab and pb.kab:
        bound += 0.9
    return bound


def _log_odds(a: Candidate, b: Candidate, reasons: list | None,
              floor: float | None = None) -> tuple[float, float]:
    """(sum of evidence, name similarity); stops early, below ``floor``, when the rest cannot reach it."""
    pa = a._prep or a.prepared
    pb = b._prep or b.prepared
    total, sim = _BIAS, 0.0
    if pa.names and pb.names:
        weight, sim = _name_evidence(pa, pb, reasons)
        total += weight
    if floor is not None and total + _upper_bound_rest(pa, pb) < floor:
        return total, sim
    if a.nik_hash and b.nik_hash and a.nik_hash != b.nik_hash:
        total += _NIK_DIFFERENT
        if reasons is not None:
            reasons.append(Reason("different_nik", "NIK berbeda", _NIK_DIFFERENT))
    if a.sex in ("L", "P") and b.sex in ("L", "P"):
        if a.sex != b.sex:
            total += _SEX_MISMATCH
            if reasons is not None:
                reasons.append(Reason("sex_mismatch", "Jenis kelamin berbeda", _SEX_MISMATCH))
        else:
            total += 0.2
    total += _birth_evidence(pa, pb, reasons)
    total += _relative_evidence(pa.mother, pb.mother, "mother", "ibu", reasons, _MOTHER)
    total += _relative_evidence(pa.father, pb.father, "father", "ayah (bin/binti)", reasons, _FATHER)
    total += _origin_evidence(pa, pb, reasons)
    return total, sim


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


@dataclass
class Match:
    candidate: Any  # the Candidate compared against (b in score(a, b))
    score: float
    reasons: list[Reason]
    name_similarity: float = 0.0  # best over names and aliases, after normalisation

    @property
    def level(self) -> str:
        if self.score >= HIGH_CONFIDENCE:
            return "high"
        return "possible" if self.score >= DEFAULT_THRESHOLD else "unlikely"


def score(a: Candidate, b: Candidate) -> Match:
    """How likely ``a`` and ``b`` are the same person: ``Match(candidate=b, score in [0, 1], reasons)``.

    Symmetric in a and b. Reasons are sorted by how much they moved the score.
    """
    reasons: list[Reason] = []
    total, sim = _log_odds(a, b, reasons)
    if a.nik_hash and a.nik_hash == b.nik_hash:
        reasons.append(Reason("same_nik", "NIK sama", 30.0))
        value = 1.0
    else:
        value = _logistic(total)
    reasons.sort(key=lambda r: -abs(r.weight))
    return Match(candidate=b, score=value, reasons=reasons, name_similarity=sim)


def rank(new: Candidate, candidates: Iterable[Candidate], threshold: float = DEFAULT_THRESHOLD,
         limit: int | None = 10) -> list[Match]:
    """Candidates scoring at least ``threshold`` against ``new``, best first (at most ``limit``).

    A candidate that is ``new`` itself (same object or same non-None id) is skipped.
    """
    floor = math.log(threshold / (1 - threshold)) if 0 < threshold < 1 else None
    candidates = list(candidates)
    if len(_SIM_CACHE) > _CACHE_LIMIT:
        _SIM_CACHE.clear()
    _prefill_token_cache(new.prepared, [c.prepared for c in candidates])
    hits = []
    for cand in candidates:
        if cand is new or (new.id is not None and cand.id == new.id):
            continue
        if new.nik_hash and new.nik_hash == cand.nik_hash:
            hits.append(cand)
        elif floor is None or _log_odds(new, cand, None, floor)[0] >= floor:
            hits.append(cand)
    # Reasons only for the few that pass; the cheap pass above decides who they are.
    matches = [m for m in (score(new, c) for c in hits) if m.score >= threshold]
    matches.sort(key=lambda m: -m.score)
    return matches[:limit] if limit is not None else matches
