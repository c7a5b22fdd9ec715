"""A deterministic, synthetic labelled set for tuning and guarding duplicate detection.

``build()`` draws a few hundred base identities (Javanese, Arabic-origin, mononyms, "Siti …",
"Muhammad …", street names) and renders each as 2–3 records the way different workers would write
them months apart: old spelling, abbreviations, honorifics, nicknames, bin/binti, typos, split or
joined tokens, estimated or swapped birth dates, mother's name present or not. Pairs of records
of one identity are positives; hard negatives are pairs of different identities that share a
common first element, a birth year, a kelurahan, a near-identical name, or the exact same name
(namesakes: different people with the same name, which no name matcher can separate).

On top of these, ``NICKNAME_IDENTITIES`` identities are named from the nickname table
(``nicknames.NICKNAMES``) and recorded once under a table nickname (Yusuf / Ucup, Kurniawan /
Wawan); their hard negatives are other people of the same sex and birth year, and other people
with the same formal name. They are drawn from their own random stream after the rest, so the
original pairs stay exactly as they were.

Synthetic: the mix of variants is a judgement, not a sample of real registry data. It guards
against regressions and shows trade-offs; re-check thresholds once real reviewed pairs exist.
"""

import dataclasses
import random
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rapidfuzz.distance import OSA

from desaku.people import nicknames
from desaku.people.matching import DEFAULT_THRESHOLD, Candidate, score
from desaku.people.names import blocking_keys

SEED = 1972  # the year of the spelling reform

JAVA_M = """Sutrisno Suryanto Slamet Joko Budi Agus Bambang Heri Wahyudi Sugeng Supriyadi Hartono Suharto
Sucipto Cahyono Purnomo Santoso Widodo Darmaji Sukarno Suparman Sumarno Paiman Tukiman Kasiman Karto Marto
Parto Wagiman Ngatimin Mulyono Hadi Susilo Yudi Teguh Nugroho Prasetyo Setiawan Kurniawan Gunawan Hermawan
Irawan Wibowo Saputra Kusnadi Jumadi Samsul Ngadimin Tumijan Sarmin Legiman Bejo Gito Tarno Kasno Sardi
Poniman Sukardi Suwarno Haryanto Sugiyono Mujiono Sunarto Suyitno Wiyono Sumadi Parmin Dalijo Kamidi Tugiman
Sariman Darto Warsito Rudi Andi Dedi Hendra Heriyanto Budiyanto Supriyanto Mulyadi Sutarjo Wahyu Sucahyo
Didik Puji Harsono Sumarto Sutarno Suyanto Riyanto Sugianto Priyono Triyono Wagimin Kromo Dirjo Sastro
Joyo Cipto Suroso Sukirman Paijo Karjo Tukijo Sujono Subandi Suwito Tarmuji Darsono Jarwo Gatot""".split()
JAVA_F = """Sumiati Suwarni Sulastri Wartini Ngatini Poniyem Tukinem Sumini Partini Kasiyem Juminten Sumarni
Suprapti Tumini Sukini Rusmini Painah Darmi Giyem Sainem Marsini Rukmini Kartini Murtini Sutini Jumiati
Karsini Lasmi Parinem Mujiati Yuliana Lestari Wulandari Ratna Ningsih Endang Rahayu Wahyuni Susanti Yuni
Yanti Tutik Suyati Sriatun Ngatiyem Sukarti Tumirah Rasmi Kasmini Supiyah Juwariyah Suparmi Sarinah
Wiji Darsih Martini Suliyah Yatmi Mariyem Sunarsih Prihatin Winarsih Tarmini Semi Rubiyah""".split()
JAVA_SECOND = """Santoso Prasetyo Susilo Wibowo Nugroho Setiawan Kurniawan Hidayat Purnomo Saputra Gunawan
Hartono Wahyudi Cahyono Sugiarto Utomo Wijaya Handoko Pranoto Haryono Sulistyo Rahayu Lestari Astuti
Wulandari Susanti Handayani Purwanti Anggraini Setyowati""".split()
ARAB_M = """Rizki Fajar Fauzi Rahman Ghofur Anam Huda Yusuf Arifin Anwar Hasan Ali Mahmud Rohmat Syafii
Taufik Iqbal Hidayat Nurhadi Sholeh Zainuddin Qomaruddin Ridwan Hakim Hamzah Mustofa Abidin Arif Faisal
Rofiq Khoirul Fathurrohman Machfud Kholil Ismail Ibrahim Sulaiman Usman Amir Abdullah Hanafi Zakaria
Yahya Ilham Rahmat Syaifudin Zainal Syamsul Lukman Imam Munir Jamaludin Nasrullah Sholikhin Rosyid Khafid
Mahfud Syukur Qosim Mukhlis Zubair Hafidz Fadholi Ainur""".split()
ARAB_F = """Aminah Rohmah Fatimah Khotijah Aisyah Maryam Nurjanah Zulaikha Khotimah Rofiah Sholihah Halimah
Zubaidah Musyarofah Qomariyah Syarifah Mutmainah Muawanah Romlah Munawaroh Asiyah Masruroh Latifah
Khoiriyah Hasanah Hidayah Kulsum Fitriyah Aini Mustaqimah Zainab Nafisah Rukayah Sholikhah Umayah
Fauziah Jamilah Salamah Maimunah Robiah""".split()
FATHERS = """Slamet Karto Kasiman Paiman Abdullah Ahmad Mahmud Sukardi Hasan Yusuf Marto Tukiman Ismail
Sastro Dirjo Ibrahim Kromo Suparman""".split()

# Kemendagri codes: Kota Malang kelurahan, then kabupaten/kota people often come from.
MALANG_KEL = [f"35.73.{k:02d}.{1000 + n}" for k, count in ((1, 11), (2, 11), (3, 12), (4, 11), (5, 12))
              for n in range(1, count + 1)]
OTHER_KAB = ["35.07", "35.07", "35.07", "35.79", "35.78", "35.14", "35.05", "35.08", "35.13", "35.09",
             "35.15", "35.29", "31.71", "33.74", "33.72", "32.73"]


@dataclass
class Identity:
    key: int
    tokens: list[str]  # current spelling, title case
    sex: str
    birth: date
    quality: str  # quality of what the person (or their papers) can tell
    mother: str
    father: str
    origin: str
    nik: str | None
    kind: str
    records: list[Candidate] = field(default_factory=list)


@dataclass
class LabelledSet:
    identities: list[Identity]
    positives: list[tuple[Candidate, Candidate, str]]  # (a, b, variant kinds)
    negatives: list[tuple[Candidate, Candidate, str]]  # (a, b, negative kind)


# --- name variation ------------------------------------------------------------------------------

def _old_spelling(tok: str) -> str:
    """Current → pre-1972 spelling (what the normaliser must undo)."""
    low = tok.lower()
    low = low.replace("kh", "ch").replace("j", "dj").replace("y", "j").replace("c", "tj")
    out, prev = [], ""
    for ch in low:
        out.append("oe" if ch == "u" and prev != "a" else ch)
        prev = ch
    return "".join(out).capitalize()


def _arab_h_to_ch(tok: str) -> str:
    # Ahmad → Achmad, Rohmah → Rochmah: h before a consonant was written ch
    low = tok.lower()
    out = []
    for i, ch in enumerate(low):
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if ch == "h" and 0 < i and nxt and nxt not in "aiueo" and low[i - 1] not in "csktgd":
            out.append("ch")
        else:
            out.append(ch)
    return "".join(out).capitalize()


_ARAB_SWAPS = [("kh", "h"), ("h", "kh"), ("q", "k"), ("k", "q"), ("sy", "s"), ("f", "p"), ("ai", "ae"),
               ("oi", "ai"), ("ah", "a"), ("t", "th"), ("d", "dh"), ("dz", "z"), ("z", "dz"), ("iy", "i"),
               ("u", "o"), ("o", "u")]


def _arab_variant(rng: random.Random, tok: str) -> str:
    low = tok.lower()
    options = [(a, b) for a, b in _ARAB_SWAPS if a in low[1:]]
    if not options:
        return _double_letter(rng, tok)
    a, b = rng.choice(options)
    i = low.find(a, 1)
    return (low[:i] + b + low[i + len(a):]).capitalize()


def _java_variant(rng: random.Random, tok: str) -> str:
    low = tok.lower()
    if low[-1] in "ao" and len(low) > 4:
        return (low[:-1] + ("a" if low[-1] == "o" else "o")).capitalize()  # Sutrisno/Sutrisna
    if low.startswith(("sl", "sr", "pr", "tr", "br", "gr")):
        return (low[0] + "e" + low[1:]).capitalize()  # Slamet/Selamet
    if "iy" in low:
        return low.replace("iy", "i", 1).capitalize()  # Sugiyono/Sugiono
    return _double_letter(rng, tok)


def _double_letter(rng: random.Random, tok: str) -> str:
    low = tok.lower()
    spots = [i for i in range(1, len(low)) if low[i] not in "aiueo"]
    if not spots:
        return tok
    i = rng.choice(spots)
    return (low[:i] + low[i] + low[i:]).capitalize()


def _typo(rng: random.Random, tok: str) -> str:
    low = tok.lower()
    if len(low) < 4:
        return tok
    i = rng.randrange(1, len(low) - 1)
    kind = rng.choice(["drop", "swap", "double", "replace"])
    if kind == "drop":
        low = low[:i] + low[i + 1:]
    elif kind == "swap":
        low = low[:i] + low[i + 1] + low[i] + low[i + 2:]
    elif kind == "double":
        low = low[:i] + low[i] + low[i:]
    else:  # a neighbouring key or a vowel confusion
        low = low[:i] + rng.choice("aiueo" if low[i] in "aiueo" else "nmrlkstdh") + low[i + 1:]
    return low.capitalize()


def _nickname(rng: random.Random, tok: str) -> str:
    """Javanese-style nickname: the last two syllables (Suryanto → Yanto, Sumarni → Marni), a
    reduplicated last syllable (Kurniawan → Wawan) or the first part (Budiyanto → Budi)."""
    low = tok.lower()
    vowel_starts = [i for i, ch in enumerate(low) if ch in "aiueo" and (i == 0 or low[i - 1] not in "aiueo")]
    if len(vowel_starts) < 2:
        return tok

    def onset(v: int) -> int:  # start of the syllable whose vowel is at v: one consonant, or ng/ny
        if v >= 2 and low[v - 2:v] in ("ng", "ny"):
            return v - 2
        return v - 1 if v >= 1 and low[v - 1] not in "aiueo" else v

    roll = rng.random()
    if roll < 0.12:
        last = low[onset(vowel_starts[-1]):]
        if len(last) >= 3:
            return (last[:2] + last).capitalize()
    if roll < 0.25 and len(low) >= 7:
        return low[: onset(vowel_starts[2]) if len(vowel_starts) >= 3 else 4].capitalize()
    if len(vowel_starts) >= 3:
        frag = low[onset(vowel_starts[-2]):]
        if len(frag) >= 4:
            return frag.capitalize()
    return tok


OPS = ["drop_token", "old_spelling", "spelling_variant", "abbreviation", "nickname", "typo", "split_join",
       "alias", "bin_binti", "honorific"]  # applied in this order, so e.g. honorifics stay separate
COMMON = {"Muhammad", "Siti", "Sri", "Nur", "Dwi", "Tri", "Eko", "Eka", "Abdul", "Ahmad", "Dewi"}


def _variant_name(rng: random.Random, ident: Identity) -> tuple[str, tuple[str, ...], list[str]]:
    """(full_name, aliases, applied kinds) for one record of ``ident``."""
    toks = list(ident.tokens)
    touched: set[int] = set()
    kinds: list[str] = []
    aliases: list[str] = []
    arab = ident.kind.startswith("arab")
    weights = {"old_spelling": 3, "spelling_variant": 3, "abbreviation": 3 if arab else 0.3, "drop_token": 2,
               "nickname": 2, "typo": 3, "split_join": 1.2, "alias": 1, "bin_binti": 1.5, "honorific": 3}
    n_ops = rng.choices([0, 1, 2, 3], weights=[1, 5, 3, 1])[0]
    chosen: set[str] = set()
    while len(chosen) < n_ops:
        chosen.add(rng.choices(OPS, weights=[weights[o] for o in OPS])[0])
    original_rare = [t for t in ident.tokens if t not in COMMON]
    for op in OPS:
        if op not in chosen:
            continue
        rare = [i for i, t in enumerate(toks) if t not in COMMON]
        fresh = [i for i in rare if i not in touched and len(toks[i]) >= 5]
        if op == "old_spelling":
            idx = [i for i, t in enumerate(toks) if any(c in t.lower() for c in "cjyu")]
            if arab:
                idx += [i for i, t in enumerate(toks) if "h" in t.lower()[1:] and i not in idx]
            if not idx:
                continue
            for i in (idx if rng.random() < 0.6 else idx[:1]):
                toks[i] = _old_spelling(toks[i])
                if arab and rng.random() < 0.7:
                    toks[i] = _arab_h_to_ch(toks[i])
                touched.add(i)
        elif op == "spelling_variant" and fresh:
            i = rng.choice(fresh)
            toks[i] = _arab_variant(rng, toks[i]) if arab else _java_variant(rng, toks[i])
            touched.add(i)
        elif op == "abbreviation":
            subs = {"Muhammad": ["Moch.", "Moh.", "M.", "Muh.", "Mochammad", "Mohammad", "Muhamad",
                                 "Mohamad"],
                    "Siti": ["St.", "St", "Sitti"], "Abdul": ["Abd.", "Abd"], "Ahmad": ["Achmad", "Akhmad"]}
            idx = [i for i, t in enumerate(toks) if t in subs]
            if not idx:
                continue
            i = rng.choice(idx)
            toks[i] = rng.choice(subs[toks[i]])
        elif op == "drop_token" and len(rare) >= 1 and len(toks) >= 2:
            # Drop a common element (Muhammad Rizki → Rizki) or a later name (Budi Santoso → Budi),
            # never the last distinctive one.
            droppable = [i for i, t in enumerate(toks) if t in COMMON] or rare[1:]
            if not droppable:
                continue
            del toks[rng.choice(droppable)]
            touched = set()
        elif op == "nickname" and original_rare:
            nick = _nickname(rng, max(original_rare, key=len))
            if nick.lower() in (t.lower() for t in ident.tokens):
                continue
            if rng.random() < 0.5:
                toks, touched = [nick], set()  # caught under the nickname only
            else:
                aliases.append(nick)
        elif op == "typo" and fresh:
            i = rng.choice(fresh)
            toks[i] = _typo(rng, toks[i])
            touched.add(i)
        elif op == "split_join" and len(toks) >= 2:
            i = rng.randrange(len(toks) - 1)
            toks[i:i + 2] = [toks[i] + toks[i + 1].lower()]
            touched = set(range(len(toks)))
        elif op == "alias" and original_rare:
            aliases.append(_nickname(rng, rng.choice(original_rare)))
        elif op == "bin_binti" and ident.father:
            toks += ["bin" if ident.sex == "L" else "binti", ident.father]
        elif op == "honorific":
            old = ident.birth.year < 1965
            pool = (["Mbah"] * 3 if old else []) + (
                ["Pak", "Cak", "Mas", "Bapak", "H."] if ident.sex == "L"
                else ["Bu", "Mbok", "Mbak", "Ning", "Ibu", "Hj."])
            toks.insert(0, rng.choice(pool))
        else:
            continue
        kinds.append(op)
    return " ".join(toks), tuple(a for a in aliases if a and a.lower() != " ".join(toks).lower()), kinds


def _variant_record(rng: random.Random, ident: Identity, n: int) -> tuple[Candidate, list[str]]:
    name, aliases, kinds = _variant_name(rng, ident)
    sex = ident.sex if rng.random() > 0.08 else ""
    # Birth: what the worker could record this time.
    birth_date, quality, year = None, "unknown", None
    roll = rng.random()
    if ident.quality == "exact" and roll < 0.5:
        birth_date, quality = ident.birth, "exact"
        if rng.random() < 0.12 and ident.birth.day <= 12 and ident.birth.day != ident.birth.month:
            birth_date = ident.birth.replace(month=ident.birth.day, day=ident.birth.month)
            kinds.append("day_month_swap")
        year = birth_date.year
    elif ident.quality != "unknown" and roll < 0.85:
        quality = "approximate"
        year = ident.birth.year + rng.choice([0, 0, 0, 1, -1, 1, -1, 2, -2, 3, -3])
    mother = ident.mother if rng.random() < 0.6 else ""
    if mother and rng.random() < 0.3:
        mother = rng.choice(["Mbok ", "Bu ", "Mbah ", ""]) + _typo(rng, mother)
    origin = ""
    if ident.origin and rng.random() < 0.7:
        origin = ident.origin if rng.random() < 0.7 else ident.origin[:5]
    nik = ident.nik if ident.nik and rng.random() < 0.5 else None
    cand = Candidate(id=f"{ident.key}-{n}", full_name=name, aliases=aliases, sex=sex, birth_date=birth_date,
                     birth_date_quality=quality, birth_year=year, mother_name=mother, origin_code=origin,
                     nik_hash=nik)
    return cand, kinds


# --- identities ----------------------------------------------------------------------------------

def _identity(rng: random.Random, key: int) -> Identity:
    kind = rng.choices(["java_m", "java_f", "arab_m", "arab_f", "java_m2", "java_f2"],
                       weights=[26, 20, 18, 16, 10, 10])[0]
    if kind == "java_m":
        tokens, sex = [rng.choice(JAVA_M)], "L"
    elif kind == "java_f":
        tokens, sex = [rng.choice(JAVA_F)], "P"
    elif kind == "java_m2":
        first = rng.choice(JAVA_M + ["Eko", "Dwi", "Tri", "Sri"])
        tokens, sex = [first, rng.choice([t for t in JAVA_SECOND if t != first][:22])], "L"
    elif kind == "java_f2":
        tokens, sex = [rng.choice(["Sri", "Dwi", "Tri", "Eka", "Dewi", "Endang"] + JAVA_F[:30]),
                       rng.choice(JAVA_SECOND[18:] + JAVA_F[30:])], "P"
    elif kind == "arab_m":
        core = rng.sample(ARAB_M, rng.choice([1, 1, 2]))
        prefix = rng.choices([[], ["Muhammad"], ["Ahmad"], ["Abdul"]], weights=[4, 4, 2, 1])[0]
        tokens, sex = prefix + core, "L"
    else:
        core = rng.sample(ARAB_F, rng.choice([1, 1, 2]))
        prefix = rng.choices([[], ["Siti"], ["Nur"]], weights=[3, 6, 1])[0]
        tokens, sex = prefix + core, "P"
    year = rng.randint(1945, 2012)
    birth = date(year, rng.randint(1, 12), rng.randint(1, 28))
    quality = rng.choices(["exact", "approximate", "unknown"], weights=[3, 5, 2])[0]
    mother = rng.choice(JAVA_F + ARAB_F) if rng.random() < 0.7 else ""
    if mother and rng.random() < 0.3:
        mother = "Siti " + mother
    father = rng.choice(FATHERS)
    roll = rng.random()
    if roll < 0.35:
        origin = rng.choice(MALANG_KEL)
    elif roll < 0.8:
        origin = f"{rng.choice(OTHER_KAB)}.{rng.randint(1, 25):02d}.{2000 + rng.randint(1, 20)}"
    else:
        origin = ""
    nik = f"nik-{key}" if rng.random() < 0.12 else None
    return Identity(key, tokens, sex, birth, quality, mother, father, origin, nik, kind)


@lru_cache(maxsize=4)
def build(seed: int = SEED, n_identities: int = 400) -> LabelledSet:
    rng = random.Random(seed)
    identities = [_identity(rng, k) for k in range(n_identities)]
    # Namesakes: different people given exactly the same name (common in Java).
    for ident in rng.sample(identities, n_identities // 12):
        other = rng.choice(identities)
        if other.sex == ident.sex and other is not ident:
            ident.tokens = list(other.tokens)
            ident.kind = other.kind
    positives = []
    for ident in identities:
        kinds_per_record = []
        for n in range(rng.choice([2, 2, 3])):
            cand, kinds = _variant_record(rng, ident, n)
            ident.records.append(cand)
            kinds_per_record.append(kinds)
        for i in range(len(ident.records)):
            for j in range(i + 1, len(ident.records)):
                label = "+".join(sorted(set(kinds_per_record[i]) | set(kinds_per_record[j]))) or "plain"
                positives.append((ident.records[i], ident.records[j], label))
    negatives = _hard_negatives(rng, identities)
    extra, extra_positives, extra_negatives = _nickname_identities(random.Random(f"{seed}-nicknames"), identities)
    return LabelledSet(identities + extra, positives + extra_positives, negatives + extra_negatives)


# --- table nicknames -------------------------------------------------------------------------------

NICKNAME_IDENTITIES = 80  # per 400 base identities
_FEMALE_FORMAL = {"Khadijah", "Fatimah", "Aisyah", "Aminah", "Endang"}
_ARAB_FORMAL = {"Muhammad", "Ahmad", "Rahmat", "Rohmat", "Rahman", "Abdullah", "Yusuf", "Hasan", "Ibrahim",
                "Ismail", "Hidayat", "Rizki", "Khadijah", "Fatimah", "Aisyah", "Aminah"}
_MONONYM_ONLY = {"Muhammad", "Ahmad"}  # common elements: "Mamat Rizki" is not how people talk


def _nickname_identities(rng: random.Random, base: list[Identity]):
    """Identities named from the nickname table, one record under the nickname; with hard negatives."""
    formals = [f for f in nicknames.NICKNAMES if f != "Abdul"]  # Abdul is never a whole name
    idents, positives = [], []
    next_key = max(i.key for i in base) + 1
    for n in range(len(base) * NICKNAME_IDENTITIES // 400):
        formal = formals[n % len(formals)] if n < len(formals) else rng.choice(formals)
        ident = _identity(rng, next_key + n)
        female = formal in _FEMALE_FORMAL
        ident.sex = "P" if female else "L"
        ident.kind = ("arab_" if formal in _ARAB_FORMAL else "java_") + ("f" if female else "m") + "_nick"
        ident.tokens = [formal]
        if formal not in _MONONYM_ONLY and rng.random() < 0.4:
            ident.tokens.append(rng.choice(JAVA_SECOND[18:] if female else JAVA_SECOND[:18]))
        kinds_per_record = []
        for r in range(rng.choice([2, 2, 3])):
            cand, kinds = _variant_record(rng, ident, r)
            if r == 1:  # the record taken under the nickname
                nick = rng.choice(nicknames.NICKNAMES[formal])
                roll = rng.random()
                if roll < 0.45:
                    name, aliases = nick, ()
                elif roll < 0.7:
                    name, aliases = " ".join([nick, *ident.tokens[1:]]), ()
                else:
                    name, aliases = cand.full_name, (*cand.aliases, nick)
                if rng.random() < 0.15:
                    name = f"{rng.choice(KIN_F if female else KIN_M)} {name}"
                cand = dataclasses.replace(cand, full_name=name, aliases=aliases)
                kinds = ["table_nickname"]
            ident.records.append(cand)
            kinds_per_record.append(kinds)
        for i in range(len(ident.records)):
            for j in range(i + 1, len(ident.records)):
                label = "+".join(sorted(set(kinds_per_record[i]) | set(kinds_per_record[j]))) or "plain"
                positives.append((ident.records[i], ident.records[j], label))
        idents.append(ident)
    negatives, seen = [], set()
    everyone = base + idents
    for ident in idents:
        nick_record = ident.records[1]
        near = [o for o in everyone if o is not ident and o.sex == ident.sex
                and abs(o.birth.year - ident.birth.year) <= 2 and o.tokens != ident.tokens]
        # Other people with the formal name, for half of them (about as often as the base set's
        # namesakes); "namesake" when the whole name is the same (no name matcher can separate those).
        same_formal = [o for o in everyone if o is not ident and ident.tokens[0] in o.tokens]
        for others, cap in ((near, 3), (same_formal, 1 if rng.random() < 0.5 else 0)):
            for other in rng.sample(others, min(cap, len(others))):
                if (ident.key, other.key) not in seen and (other.key, ident.key) not in seen:
                    seen.add((ident.key, other.key))
                    kind = ("nickname_other_person" if others is near
                            else "namesake" if other.tokens == ident.tokens else "nickname_same_formal_name")
                    negatives.append((nick_record, rng.choice(other.records), kind))
    return idents, positives, negatives


KIN_M = ("Cak", "Pak", "Mas", "Kang")
KIN_F = ("Bu", "Mbak", "Ning", "Mbok")


def _hard_negatives(rng: random.Random, identities: list[Identity]) -> list[tuple[Candidate, Candidate, str]]:
    pairs: dict[tuple[int, int], str] = {}

    def add(a: Identity, b: Identity, kind: str):
        if a is not b:
            pairs.setdefault((min(a.key, b.key), max(a.key, b.key)), kind)

    by_first: dict[str, list[Identity]] = {}
    by_year: dict[tuple[int, str], list[Identity]] = {}
    by_origin: dict[str, list[Identity]] = {}
    by_name: dict[str, list[Identity]] = {}
    for ident in identities:
        by_first.setdefault(ident.tokens[0], []).append(ident)
        by_year.setdefault((ident.birth.year, ident.sex), []).append(ident)
        if ident.origin:
            by_origin.setdefault(ident.origin, []).append(ident)
        by_name.setdefault(" ".join(ident.tokens), []).append(ident)
    for group in by_name.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                add(a, b, "namesake")
    for groups, kind, cap in ((by_first, "shared_first_element", 6), (by_year, "same_birth_year", 3),
                              (by_origin, "same_kelurahan", 3)):
        for group in groups.values():
            for a in group:
                for b in rng.sample(group, min(cap, len(group))):
                    add(a, b, kind)
    # Near-identical names of different people (Hartono/Harsono, Suryanto/Suryadi).
    for a in identities:
        for b in rng.sample(identities, 60):
            ta, tb = " ".join(a.tokens).lower(), " ".join(b.tokens).lower()
            if ta != tb and OSA.normalized_similarity(ta, tb) >= 0.7:
                add(a, b, "similar_name")
    for _ in range(len(identities)):
        add(rng.choice(identities), rng.choice(identities), "random")
    by_key = {i.key: i for i in identities}
    out = []
    for (ka, kb), kind in sorted(pairs.items()):
        out.append((rng.choice(by_key[ka].records), rng.choice(by_key[kb].records), kind))
    return out


# --- evaluation ----------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def scored_pairs(seed: int = SEED) -> list[tuple[float, bool, str]]:
    data = build(seed)
    out = [(score(a, b).score, True, kind) for a, b, kind in data.positives]
    out += [(score(a, b).score, False, kind) for a, b, kind in data.negatives]
    return out


def evaluate(threshold: float = DEFAULT_THRESHOLD, seed: int = SEED) -> dict:
    """Precision/recall of ``score >= threshold`` over the labelled pairs."""
    rows = scored_pairs(seed)
    tp = sum(1 for s, same, _ in rows if same and s >= threshold)
    fp = sum(1 for s, same, _ in rows if not same and s >= threshold)
    pos = sum(1 for _, same, _ in rows if same)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / pos if pos else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fp_by_kind: dict[str, int] = {}
    for s, same, kind in rows:
        if not same and s >= threshold:
            fp_by_kind[kind] = fp_by_kind.get(kind, 0) + 1
    # Namesakes (same name, different people) can only be told apart by other evidence.
    fp_other = fp - fp_by_kind.get("namesake", 0)
    return {"threshold": threshold, "precision": precision, "recall": recall, "f1": f1, "pairs": len(rows),
            "positives": pos, "negatives": len(rows) - pos, "tp": tp, "fp": fp, "fn": pos - tp,
            "false_positives_by_kind": fp_by_kind,
            "precision_without_namesakes": tp / (tp + fp_other) if tp + fp_other else 1.0}


def evaluate_blocking(seed: int = SEED) -> dict:
    """Share of true pairs that share at least one blocking key, and how selective the keys are."""
    data = build(seed)
    keys, lookup = {}, {}
    for ident in data.identities:
        for rec in ident.records:
            keys[rec.id] = blocking_keys(rec.full_name, rec.aliases)
            lookup[rec.id] = nicknames.lookup_keys(rec.full_name, rec.aliases)
    # The later record of a pair is the one checked: it looks up its lookup keys among the stored
    # keys of the earlier one (records of an identity are in registration order).
    hit = sum(1 for a, b, _ in data.positives if lookup[b.id] & keys[a.id])
    # Selectivity: how many other records one lookup with a record's keys would fetch.
    records = [rec for ident in data.identities for rec in ident.records]
    index: dict[str, set] = {}
    for rec in records:
        for key in keys[rec.id]:
            index.setdefault(key, set()).add(rec.id)
    fetched = [len(set().union(*(index.get(k, set()) for k in lookup[r.id])) - {r.id}) if lookup[r.id] else 0
               for r in records]
    nick = [(a, b) for a, b, kind in data.positives if "table_nickname" in kind]
    return {
        "recall": hit / len(data.positives) if data.positives else 1.0,
        "recall_table_nicknames": (sum(1 for a, b in nick if lookup[b.id] & keys[a.id]) / len(nick)
                                   if nick else 1.0),
        "true_pairs": len(data.positives),
        "avg_keys": sum(len(k) for k in keys.values()) / len(keys),
        "avg_lookup_keys": sum(len(k) for k in lookup.values()) / len(lookup),
        "max_keys": max(len(k) for k in keys.values()),
        "records": len(records),
        "avg_candidates_fetched": sum(fetched) / len(fetched),
    }


def sweep(seed: int = SEED, thresholds=None) -> list[dict]:
    """``evaluate`` at thresholds 0.05 … 0.95, for choosing DEFAULT_THRESHOLD and HIGH_CONFIDENCE."""
    thresholds = thresholds or [round(0.05 * i, 2) for i in range(1, 20)]
    return [evaluate(t, seed) for t in thresholds]
