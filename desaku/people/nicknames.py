"""Nicknames (nama panggilan) that are not a fragment of the formal name (pure Python, no Django).

Most Indonesian nicknames are a piece of the name (Yanto for Suryanto, Budi for Budiyanto) and the
token similarity in ``matching`` already scores those. This table holds the ones no fragment rule
can find: Sundanese s→c (Yusuf → Ucup, Hasan → Acan), reduplication (Rizki → Kiki, Hidayat →
Yayat, Kurniawan → Wawan), Javanese forms (Slamet → Memet) and Arabic-name short forms (Ibrahim →
Baim, Muhammad → Mamad). A few fragments are listed too where the fragment is short or common
enough that the generic rule scores it weakly (Agus → Gus, Abdul → Dul).

Edit ``NICKNAMES`` to add pairs: the key is one formal name token in current spelling (EYD), the
value the nicknames, one token each. Spelling variants need no entry of their own when the
normaliser and the folding already equate them (Jusuf/Yusup = Yusuf, Achmad = Ahmad, Rizky =
Rizki); list a variant only when its letters differ otherwise (Rahmat/Rohmat). Only add pairs that
are real usage: a wrong pair makes different people look alike. Kept out on purpose (not common
enough or not a name-to-nickname pair): Yosef → Ucup, Joko → Jack, Nur → Nunung, Siti → Ti,
Dewi → Wiwik (Wiwik is a given name of its own and Dewi very common: every pair of mononyms would be
flagged), and Malang walikan (reversed words such as *ebes*, *nawak*), which reverses common words,
not names.

A nickname may belong to several formal names (Mamat: Muhammad, Ahmad, Rahmat); each pair counts on
its own. Two nicknames of one formal name are not a pair (Ucup/Usup); their spelling similarity
still counts as usual.

Used in three places: ``matching`` scores a nickname ↔ formal token pair at ``NICKNAME_SIM`` (a
strong, not a perfect, name match; reason "Nama panggilan cocok (Ucup ↔ Yusuf)"), ``lookup_keys``
adds the related names' blocking keys to a duplicate check's lookup, and the demo data and the
labelled set draw nicknames from it.
"""

from functools import cache

from desaku.people.names import (
    blocking_keys,
    fold_token,
    folded_tokens,
    is_common,
    normalise_name,
    token_keys,
)

NICKNAMES: dict[str, tuple[str, ...]] = {
    # Arabic-origin names
    "Muhammad": ("Mamad", "Mamat", "Memed", "Amat"),
    "Ahmad": ("Amat", "Mamat"),
    "Rahmat": ("Mamat",),
    "Rohmat": ("Mamat",),
    "Rahman": ("Maman",),  # Abdurrahman is split into abdul + rahman before matching
    "Abdul": ("Dul",),
    "Abdullah": ("Dul", "Dullah"),
    "Yusuf": ("Ucup", "Usup"),
    "Hasan": ("Acan",),
    "Ibrahim": ("Baim",),
    "Ismail": ("Mail",),
    "Hidayat": ("Yayat", "Dayat"),
    "Rizki": ("Kiki",),
    "Khadijah": ("Ijah", "Dijah"),
    "Fatimah": ("Imah",),
    "Aisyah": ("Icha", "Ica"),
    "Aminah": ("Minah",),
    # Javanese and Sundanese names
    "Slamet": ("Memet", "Met"),
    "Bambang": ("Bams", "Mbang"),
    "Agus": ("Gus",),
    "Sutrisno": ("Tris",),
    "Kurniawan": ("Wawan",),
    "Setiawan": ("Wawan",),
    "Gunawan": ("Wawan",),
    "Hermawan": ("Wawan",),
    "Irawan": ("Wawan",),
    "Darmawan": ("Wawan",),
    "Endang": ("Ndang",),
}

NICKNAME_SIM = 0.85  # token similarity of a nickname ↔ formal pair: strong, not perfect


def _fold(name: str) -> str:
    toks = normalise_name(name).split()
    return fold_token(toks[0]) if len(toks) == 1 else ""


@cache
def _index() -> dict[str, frozenset[str]]:
    """Folded token → folded tokens it is a nickname or formal name of (both directions)."""
    related: dict[str, set[str]] = {}
    for formal, nicks in NICKNAMES.items():
        f = _fold(formal)
        for nick in nicks:
            n = _fold(nick)
            if not f or not n or f == n:
                continue
            related.setdefault(f, set()).add(n)
            related.setdefault(n, set()).add(f)
    return {k: frozenset(v) for k, v in related.items()}


def related(folded: str) -> frozenset[str]:
    """Folded tokens related to one folded token by the table (empty if none)."""
    return _index().get(folded, frozenset())


def is_nickname_pair(ft: str, fu: str) -> bool:
    """True if the two folded tokens are a nickname ↔ formal name pair of the table."""
    return fu in _index().get(ft, ())


def pairs() -> list[tuple[str, str]]:
    """(formal, nickname) pairs of the table as written, in table order."""
    return [(formal, nick) for formal, nicks in NICKNAMES.items() for nick in nicks]


def nicknames_of(token: str) -> tuple[str, ...]:
    """Nicknames listed for a formal name token (any spelling the normaliser equates), as written."""
    f = _fold(token)
    return tuple(nick for formal, nicks in NICKNAMES.items() if _fold(formal) == f for nick in nicks)


MAX_RELATED_PER_TOKEN = 4


def lookup_keys(full_name: str, aliases=()) -> set[str]:
    """The blocking keys a duplicate check or search looks up: the stored keys of the name
    (``names.blocking_keys``) plus those of each related nickname or formal name, so "Ucup" fetches
    persons stored as "Yusuf" and "Yusuf" fetches persons stored as "Ucup".

    Only the lookup side is expanded: stored keys stay as they were (no backfill of existing rows,
    no larger key table) and one side suffices, because whichever of the two records is checked
    second looks up the other's stored keys. Like ``blocking_keys``, a common element (Muhammad,
    Abdul) is expanded only when the name has no distinctive token: "Muhammad Rizki" is found
    through Rizki, not through every Mamat.
    """
    keys = blocking_keys(full_name, aliases)
    for text in (full_name, *aliases):
        toks = list(dict.fromkeys(folded_tokens(text or "")))
        rare = [t for t in toks if not is_common(t) and len(t) >= 3]
        for tok in (rare or toks):
            for other in sorted(related(tok))[:MAX_RELATED_PER_TOKEN]:
                keys |= token_keys(other)
    return keys
