"""Normalisation of Indonesian personal names for duplicate detection (pure Python, no Django).

Three levels, each applied identically to both sides of a comparison:

* ``normalise_name``: the readable form — lowercase ASCII, current (EYD) spelling, abbreviations
  expanded, honorific/kinship words removed. ``bin``/``binti`` and the father's name are kept.
* ``name_tokens``: the person's own name tokens (the ``bin``/``binti`` part removed).
* ``folded_tokens`` / ``compact_key``: a lossy "phonetic-ish" key for matching only (kh/h, q/k,
  z/j/y, sy/s, f/p, dz/d, doubled letters, final a/o). Never shown to users.

English phonetic codes (Soundex/Metaphone) are deliberately not used: they split pairs such as
Tjahjo/Cahyo and Djoko/Joko that the spelling reform made equal (domain.md §11).
"""

import re
import unicodedata
from functools import lru_cache

# Standalone tokens that are titles, honorifics or kinship terms, not names.
HONORIFICS = frozenset({
    "mbah", "mbok", "pak", "bapak", "bpk", "bu", "ibu", "ibuk", "buk", "mas", "mbak", "mbakyu", "cak",
    "ning", "neng", "bang", "kang", "mak", "emak", "pakde", "pakdhe", "bude", "budhe", "paklik", "bulik",
    "h", "hj", "haji", "hajah", "hajjah", "kyai", "kiai", "kiyai", "kijai", "kh", "ustadz", "ustad",
    "ustaz", "ust", "ustadzah", "ustazah", "dr", "drs", "dra", "ir", "prof", "sh", "se", "spd", "ssos",
    "skom", "amd", "mpd", "sdr", "sdri", "tn", "ny", "nn", "alm", "almh", "almarhum", "almarhumah",
})

# Abbreviations written in documents (after spelling conversion: "moch" has become "moh").
ABBREVIATIONS = {
    "m": "muhammad", "mh": "muhammad", "moh": "muhammad", "mohd": "muhammad", "muh": "muhammad",
    "muhd": "muhammad", "mhd": "muhammad", "mhmd": "muhammad",
    "st": "siti", "sit": "siti",
    "abd": "abdul", "abdl": "abdul",
    "bt": "binti", "bte": "binti", "bn": "bin",
}
# Muhammad's many spellings: muhamad, mohammad, mochamad (→ mohamad), mukhammad, mohammed, …
_MUHAMMAD_RE = re.compile(r"^m[uo]k?h?a?m+[ae]d$")

# Common first elements carry little identity (domain.md §11): weigh them low.
COMMON_ELEMENTS = frozenset({
    "muhammad", "siti", "sri", "nur", "nurul", "dwi", "tri", "eko", "eka", "abdul", "ahmad", "catur",
    "putra", "putri", "dewi", "ni", "i", "made", "kadek", "komang", "ketut", "wayan", "nyoman", "gede",
    "luh", "ayu",
})
FATHER_MARKERS = frozenset({"bin", "binti"})

# Pre-1972 names with j = y and no other old-spelling marker. The j→y change cannot be inferred
# from the letters alone (Joko keeps its j; Jusuf becomes Yusuf), so the readable form converts j→y
# only (a) in tokens that carry another old-spelling marker (Tjahjo, Wahjudi, Djaja, Soejono),
# (b) in these well-known names, (c) in "-ajat" (Hidajat). Everything else keeps its j and the
# folded key treats j and y as one letter, so missed cases still match — at the cost that
# genuinely different pairs such as Yuni/Juni also fold together (other evidence must separate them).
_OLD_J_NAMES = frozenset({"jusuf", "jusup", "jakub", "jaqub", "jasin", "jasir", "jazid", "junus",
                          "jahja", "jasmin", "jusron"})
_OLD_MARKERS = ("oe", "tj", "dj", "sj", "hj")  # not "ch": Achmad is still written so today

_APOSTROPHES = "'’‘`´ʼ"
_NON_ALPHA = re.compile(r"[^a-z]+")
_DOUBLES = re.compile(r"(.)\1+")
_DEGREE_PART = re.compile(r"^\s*(?:[a-z]{1,4}\.\s*){1,4}[a-z]{0,4}\.?\s*$")  # " S.Pd.", " M.Si"
_DEGREES = frozenset({"spd", "spdi", "sh", "se", "sag", "ssos", "skom", "st", "sip", "sik", "skm", "mm",
                      "msi", "mpd", "mh", "amd", "ama", "bsc", "ba", "ssi", "sked", "dr", "drs", "ir"})


def _ascii_lower(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")  # Ma'ruf → maruf: the apostrophe is often left out
    return text


def _drop_degrees(text: str) -> str:
    # "Budi Santoso, S.Pd., M.Si." — after the first comma come degrees; keep other trailing parts.
    head, *rest = text.split(",")
    kept = [part for part in rest
            if not (_DEGREE_PART.match(part) or _NON_ALPHA.sub("", part) in _DEGREES)]
    return " ".join([head, *kept])


def _convert_token(tok: str) -> str:
    """Pre-1972 (Van Ophuijsen / Soewandi) spelling to current spelling, one token."""
    if tok.startswith("chandr"):
        tok = "c" + tok[2:]  # Chandra is Sanskrit (Candra), not Arabic kh
    elif tok.startswith("chr"):
        tok = "kr" + tok[3:]  # Christina → Kristina
    old = any(m in tok for m in _OLD_MARKERS) or tok.startswith("nj")
    tok = tok.replace("oe", "u").replace("tj", "c").replace("dj", "\0").replace("sj", "sy")
    if tok.startswith("nj"):
        tok = "ny" + tok[2:]
    if old:
        tok = tok.replace("nj", "ny").replace("j", "y")
    elif tok in _OLD_J_NAMES:
        tok = "y" + tok[1:].replace("j", "y")
    tok = tok.replace("ajat", "ayat").replace("\0", "j")
    if tok.startswith("ch"):
        tok = "kh" + tok[2:]
    return tok.replace("ch", "h")


def _expand(tok: str) -> str:
    if tok in ABBREVIATIONS:
        return ABBREVIATIONS[tok]
    if _MUHAMMAD_RE.match(tok):
        return "muhammad"
    return tok


@lru_cache(maxsize=65536)
def normalise_name(text: str) -> str:
    """Readable normalised form: ``"H. Moch. Tjahjo"`` → ``"muhammad cahyo"``. Idempotent."""
    if not isinstance(text, str) or not text:
        return ""
    text = _NON_ALPHA.sub(" ", _drop_degrees(_ascii_lower(text)))
    out = []
    for raw in text.split():
        if raw in HONORIFICS:
            continue
        tok = raw
        for _ in range(len(raw) + 2):  # converting can expose another old pattern ("ddjj" → "dj")
            nxt = _expand(_convert_token(tok))
            if nxt == tok:
                break
            tok = nxt
        if tok and tok not in HONORIFICS:
            out.append(tok)
    return " ".join(out)


def split_bin_binti(tokens) -> tuple[list[str], list[str]]:
    """Split ``[budi, bin, slamet]`` into ``([budi], [slamet])`` at the first bin/binti."""
    tokens = list(tokens)
    for i, tok in enumerate(tokens):
        if tok in FATHER_MARKERS:
            own = tokens[:i]
            father = [t for t in tokens[i + 1:] if t not in FATHER_MARKERS]
            if not own:  # "bin Slamet" alone: the only name we have
                return father, []
            return own, father
    return tokens, []


def name_tokens(text: str) -> list[str]:
    """Own name tokens, normalised; honorifics and the bin/binti part removed."""
    return split_bin_binti(normalise_name(text).split())[0]


def father_tokens(text: str) -> list[str]:
    return split_bin_binti(normalise_name(text).split())[1]


# Digraph folding, in order (sy before sh; iy/uw: Fitriyah = Fitriah, Juwariyah = Juariyah).
_FOLD_PAIRS = (("kh", "h"), ("sy", "s"), ("iy", "i"), ("uw", "u"), ("sh", "s"), ("gh", "g"), ("th", "t"),
               ("dh", "d"), ("ph", "p"), ("ae", "ai"), ("oi", "ai"), ("q", "k"), ("z", "j"), ("f", "p"),
               ("v", "p"))
_ABDU_RE = re.compile(r"^abdu([rsntdj])\1?(\w{3,})$")  # Abdurrahman = Abdul Rahman (assimilated l)
# Joined common elements: Nurhasanah = Nur Hasanah, Sriwahyuni = Sri Wahyuni, Sitiaminah = Siti Aminah.
_COMMON_PREFIXES = ("muhammad", "nurul", "nur", "sri", "siti", "abdul", "ahmad")


@lru_cache(maxsize=65536)
def fold_token(tok: str) -> str:
    """Phonetic-ish fold of one normalised token; only for matching."""
    if tok.startswith("dz"):
        tok = "z" + tok[2:]  # Dzulkifli = Zulkifli; elsewhere dz = d (Ustadz = Ustad)
    tok = tok.replace("dz", "d")
    for old, new in _FOLD_PAIRS:
        tok = tok.replace(old, new)
    if tok.endswith("y"):
        tok = tok[:-1] + "i"  # Rizky = Rizki
    tok = _DOUBLES.sub(r"\1", tok.replace("y", "j"))  # old j = y; Hasan = Hassan
    if len(tok) >= 4 and tok[-1] == "h" and tok[-2] in "aiueo":
        tok = tok[:-1]  # Aminah = Amina, Fatimah = Fatima
    if len(tok) >= 4 and tok.endswith("o"):
        tok = tok[:-1] + "a"  # Javanese a/o: Sutrisno = Sutrisna
    return tok


_COMMON_FOLDED = frozenset(fold_token(t) for t in COMMON_ELEMENTS)


def split_tokens(tokens) -> list[str]:
    """Split joined common elements off normalised tokens: Abdurrahman → abdul rahman,
    Nurhasanah → nur hasanah. Not folded, so typos can still be compared letter by letter."""
    out = []
    for tok in tokens:
        m = _ABDU_RE.match(tok)
        if m:
            out += ["abdul", m.group(1) + m.group(2)]
            continue
        for prefix in _COMMON_PREFIXES:
            if tok.startswith(prefix) and len(tok) - len(prefix) >= 4:
                out += [prefix, tok[len(prefix):]]
                break
        else:
            out.append(tok)
    return out


def fold_tokens(tokens) -> list[str]:
    """Fold normalised tokens (see ``folded_tokens``), parallel to ``split_tokens(tokens)``."""
    return [fold_token(t) for t in split_tokens(tokens)]


def folded_tokens(text: str) -> list[str]:
    """Own name tokens with phonetic-ish folding: ``"Choirul Anam"`` → ``["hairul", "anam"]``."""
    return fold_tokens(name_tokens(text))


def compact_key(text: str) -> str:
    """All folded tokens joined, doubled letters collapsed: Nurhasanah == Nur Hasanah."""
    return _DOUBLES.sub(r"\1", "".join(folded_tokens(text)))


def is_common(token: str) -> bool:
    return token in COMMON_ELEMENTS or token in _COMMON_FOLDED


def token_weight(token: str) -> float:
    """Identity carried by one token (normalised or folded): common elements and initials are low."""
    if is_common(token):
        return 0.25
    if len(token) <= 2:
        return 0.2
    if len(token) == 3:
        return 0.7
    return 1.0


MAX_BLOCKING_KEYS = 6
_NO_VOWELS = str.maketrans("", "", "aiueo")


@lru_cache(maxsize=65536)
def consonant_skeleton(folded: str) -> str:
    """Consonants of a folded token, doubles collapsed: sugeng/sgeng → sgng, setiawan/seitawan → stwn."""
    return _DOUBLES.sub(r"\1", folded.translate(_NO_VOWELS))


def blocking_keys(full_name: str, aliases=()) -> set[str]:
    """Short keys for an indexed lookup table (person_id, key) used to find duplicate candidates.

    Built from the folded, non-common tokens (length ≥ 3) of the name and of each alias:

    * ``p:<first 4 letters>`` — survives changes late in a token (Sutrisno/Sutrisna, typos) and a
      nickname that starts the name (Budi for Budiyanto);
    * ``s:<last 4 letters>`` — survives changes early in a token and a nickname that ends the name
      (Yanto for Suryanto, Tini for Ngatini). On the labelled set, 4 letters found 3 points more
      true pairs than 5 letters for about 45% more candidates per lookup ("anto" is common, but
      the candidates are then scored, and scoring is cheap);
    * ``c:<first 4 consonants>`` — survives vowel changes and dropped or swapped letters
      (Selamet/Slamet, Seitawan/Setiawan), which break both prefix and suffix of short tokens.

    Tokens are taken longest first, round-robin over the name and its aliases, so each alias gets
    keys before the second token of the full name does. At most 6 keys per name (full name and up to
    three aliases), each ≤ 6 characters. A
    name made only of common elements ("Siti") uses those; an empty name gives no keys. Misses on
    the labelled set are mostly typos in 4–5 letter mononyms and reduplicated nicknames; see
    ``labelled_names.evaluate_blocking``. A duplicate check looks up ``nicknames.lookup_keys``: these
    keys plus those of the nickname table's related names (Ucup for Yusuf, Wawan for Kurniawan).
    """
    per_name = []
    for text in (full_name, *aliases):
        toks = [t for t in dict.fromkeys(folded_tokens(text or "")) if len(t) >= 3]
        rare = [t for t in toks if not is_common(t)]
        per_name.append(sorted(rare or toks, key=len, reverse=True))
    keys: list[str] = []
    depth = 0
    # The budget grows with the aliases, so an alias never pushes the full name's own keys out
    # (a search for any token of the full name must still find the person).
    limit = MAX_BLOCKING_KEYS * (1 + min(len(per_name) - 1, 3))
    while len(keys) < limit and any(depth < len(toks) for toks in per_name):
        for toks in per_name:
            if depth >= len(toks):
                continue
            for key in _token_keys(toks[depth]):
                if key not in keys and len(keys) < limit:
                    keys.append(key)
        depth += 1
    return set(keys)


def _token_keys(tok: str) -> tuple[str, ...]:
    """The keys of one folded token, in order: prefix, suffix (≥ 4 letters), consonants (≥ 2)."""
    skeleton = consonant_skeleton(tok)
    keys = (f"p:{tok[:4]}", f"s:{tok[-4:]}" if len(tok) >= 4 else "",
            f"c:{skeleton[:4]}" if len(skeleton) >= 2 else "")
    return tuple(k for k in keys if k)


def token_keys(tok: str) -> set[str]:
    """Blocking keys of one folded token (see ``blocking_keys``)."""
    return set(_token_keys(tok))
