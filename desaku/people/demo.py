"""Demo data for the registry, and the name material the 1M-person benchmark generator shares.

The names follow domain.md §11: Javanese mononyms, Arabic-origin names with their many spellings,
pre-1972 spellings on older people, abbreviations (Moch., St., Abd.), street names with kinship
words (Mbah, Cak), nicknames that are a fragment of the name, and bin/binti with the father's name.
"""

import re
from datetime import date, timedelta

from desaku.core import demo as core_demo
from desaku.people import nicknames

# ------------------------------------------------------------------------------------ name material

JAVANESE_MALE = (
    "Sutrisno", "Suparman", "Slamet", "Bambang", "Joko", "Agus", "Budi", "Heru", "Hadi", "Wahyudi", "Sugeng",
    "Sumarno", "Purnomo", "Hartono", "Suryanto", "Supriyadi", "Sukirman", "Paiman", "Parno", "Tukiman",
    "Kasiman", "Sarmin", "Ngadiman", "Poniman", "Sapari", "Darmaji", "Marsudi", "Subagyo", "Sutarno",
    "Sunarto", "Suwarno", "Supardi", "Sukardi", "Mulyono", "Priyono", "Haryanto", "Widodo", "Suwandi",
    "Jumadi", "Karyadi", "Sumadi", "Yulianto", "Teguh", "Bagus", "Wawan", "Yudi", "Dedi", "Rudi", "Edi",
    "Totok", "Gatot", "Bejo", "Untung", "Legiman", "Sukarji", "Kusnadi", "Sunardi", "Sugiono", "Sugianto",
    "Suprapto", "Mujiono", "Wagiman", "Sarijo", "Ponidi", "Giyono", "Tarmuji", "Tumijan", "Katimin", "Misdi",
    "Kasdi", "Rasimin", "Paijo", "Tukijo", "Sukadi", "Margono", "Darsono", "Cahyono", "Wiyono", "Harjono",
    "Sudarmaji", "Suyitno", "Sulistyo", "Triyono", "Wahyono", "Kuswanto", "Pujianto", "Surono", "Suyanto",
    "Mardiyanto", "Sumardi", "Samiran", "Kasmani", "Tugiman", "Mukari", "Ruslan", "Sadimin", "Kartono",
    "Rohmadi", "Dwi Cahyono", "Eko Prasetyo", "Tri Wahyudi", "Eko Susanto", "Dwi Santoso",
)
JAVANESE_FEMALE = (
    "Sumarni", "Sulastri", "Suwarni", "Painem", "Tumini", "Wartini", "Sunarti", "Ngatini", "Sumiati",
    "Suparmi", "Sutinah", "Sriyati", "Karsini", "Wagiyem", "Tukinah", "Paini", "Juminten", "Sukarti",
    "Samini", "Marsini", "Parmi", "Rukmini", "Suyatmi", "Sumini", "Kasiyem", "Ponirah", "Tuminah", "Katini",
    "Lasmi", "Murtini", "Endang", "Suwarti", "Supiyah", "Yatmi", "Rusmini", "Sunarsih", "Kartini", "Suharti",
    "Kusmiati", "Setyowati", "Purwanti", "Handayani", "Rahayu", "Lestari", "Susilowati", "Wulandari",
    "Rahmawati", "Kurniasih", "Mulyani", "Astutik", "Sulistyowati", "Widayati", "Suprihatin", "Sukesi",
    "Partini", "Jumiati", "Siyami", "Mistini", "Rumini", "Tarmini", "Wiji", "Warsini", "Ngatemi", "Painah",
    "Sri Wahyuni", "Sri Rahayu", "Sri Lestari", "Sri Mulyani", "Dwi Astuti", "Tri Handayani", "Eni Susanti",
    "Endang Susilowati", "Sri Utami", "Dwi Rahayu", "Sri Hartatik", "Sri Suharti", "Yuli Astutik",
)
SECOND_NAMES_MALE = (
    "Santoso", "Setiawan", "Prasetyo", "Wibowo", "Nugroho", "Kurniawan", "Gunawan", "Susanto", "Hidayat",
    "Saputra", "Firmansyah", "Pratama", "Wijaya", "Hermawan", "Purnomo", "Hartono", "Siswanto", "Wahyudi",
    "Irawan", "Kusuma", "Permana", "Ramadhan", "Maulana", "Hakim", "Sugiarto", "Purwanto", "Sulistyo",
    "Mulyadi", "Suprayitno", "Handoko", "Utomo", "Rahardjo", "Budiman", "Harianto", "Setiadi", "Haryono",
    "Prakoso", "Saputro", "Nugraha", "Darmawan", "Effendi", "Syahputra", "Ardiansyah", "Hariyadi",
)
SECOND_NAMES_FEMALE = (
    "Lestari", "Rahayu", "Wahyuni", "Handayani", "Susanti", "Wulandari", "Rahmawati", "Kurniawati",
    "Safitri", "Anggraini", "Puspitasari", "Permatasari", "Oktaviani", "Ramadhani", "Febriani", "Maharani",
    "Setyaningsih", "Widyaningsih", "Ningsih", "Astuti", "Pertiwi", "Utami", "Yuliana", "Novitasari",
    "Fitriani", "Kusumawati", "Purwaningsih", "Sulistyawati", "Hidayati", "Nurjanah", "Kartika",
)
ARABIC_MALE = (
    "Yusuf", "Hidayat", "Khoirul", "Anam", "Syaiful", "Zainal", "Arifin", "Zulkifli", "Rizki", "Fauzi",
    "Hasan", "Husein", "Ridwan", "Imam", "Ismail", "Ibrahim", "Sholeh", "Mustofa", "Faisal", "Fathur",
    "Rohman", "Ali", "Umar", "Usman", "Yahya", "Ilham", "Iqbal", "Lukman", "Nasrul", "Khoiri", "Syamsul",
    "Ma'ruf", "Munir", "Ansori", "Asrori", "Mansur", "Rosyid", "Hamid", "Habib", "Hanafi", "Syafi'i",
    "Thohir", "Zakaria", "Sholikin", "Kholiq", "Mukhlis", "Jamaluddin", "Nuruddin", "Zainuri", "Muhaimin",
    "Qomaruddin", "Fadli", "Hafidz", "Rifa'i", "Baihaqi", "Khusnul", "Mahfud", "Ghozali", "Amin", "Anwar",
    "Bahrul", "Ulum", "Chusaini", "Yasin", "Junaidi", "Kholil", "Marzuki", "Nasir", "Salim", "Samsudin",
    "Romadhon", "Rahmat", "Syarif", "Taufik", "Wahid", "Zuhri", "Subhan", "Miftahul", "Huda", "Abidin",
)
ARABIC_FEMALE = (
    "Aminah", "Fatimah", "Nur Hasanah", "Khadijah", "Aisyah", "Zulaikha", "Maryam", "Rofiah", "Khotimah",
    "Masruroh", "Mutmainah", "Nurul Hidayah", "Zahro", "Musyarofah", "Halimah", "Romlah", "Rohmah",
    "Solikhah", "Umi Kulsum", "Zainab", "Munawaroh", "Latifah", "Nafisah", "Khoiriyah", "Rukayah",
    "Sholihah", "Mardiyah", "Hamidah", "Salamah", "Jamilah", "Qomariyah", "Faridah", "Hafsah", "Marfu'ah",
    "Nur Aini", "Nur Laila", "Lailatul", "Fitriyah", "Muzayyanah", "Syarifah", "Zubaidah", "Rohimah",
    "Mu'awanah", "Istiqomah", "Uswatun", "Hasanah", "Maimunah", "Sa'adah", "Mahmudah", "Kholifah",
)
MODERN_MALE = (
    "Dimas", "Rizal", "Aditya", "Fajar", "Bayu", "Rendy", "Reza", "Yoga", "Aldi", "Dani", "Galih", "Andika",
    "Rangga", "Bima", "Arya", "Fikri", "Farhan", "Alif", "Naufal", "Rafi", "Dafa", "Raka", "Kevin", "Angga",
    "Deni", "Hendra", "Anton", "Doni", "Ferry", "Wahyu", "Rio", "Adi", "Ari", "Indra", "Rian", "Yogi",
)
MODERN_FEMALE = (
    "Putri", "Dewi", "Ayu", "Rina", "Indah", "Fitri", "Novi", "Anisa", "Nabila", "Aulia", "Salsabila",
    "Amelia", "Dinda", "Tiara", "Intan", "Nadia", "Citra", "Vina", "Mega", "Lina", "Yuni", "Tutik", "Wiwik",
    "Ratna", "Retno", "Rini", "Yeni", "Eka", "Dian", "Desi", "Nia", "Evi", "Rika", "Sinta", "Anggi", "Risma",
)
# Street names (julukan): given on the street, often with a kinship word.
STREET_NAMES = (
    "Gondrong", "Kribo", "Cebol", "Pincang", "Item", "Ucok", "Gendut", "Kacung", "Botak", "Brewok", "Kecil",
    "Jangkung", "Pesek", "Cungkring", "Gimbal", "Codet", "Tompel", "Bogel", "Kuncung", "Sipit", "Bolot",
    "Temon", "Londo", "Cemong", "Kancil", "Buntung", "Gepeng", "Kriting", "Bule", "Gareng", "Petruk",
)
KINSHIP_MALE = ("Mbah", "Pak", "Cak", "Mas", "Kang")
KINSHIP_FEMALE = ("Mbah", "Bu", "Mbok", "Mbak", "Ning")

# Explicit nicknames (nama panggilan) where a fragment rule would be wrong: the matcher's own table.
NICKNAMES = nicknames.NICKNAMES

# Abbreviations and spellings of common first elements (domain.md §11).
MUHAMMAD_FORMS = ("Moch.", "Moh.", "M.", "Muh.", "Mochammad", "Muhamad", "Mohammad", "Mochamad")
AHMAD_FORMS = ("Achmad", "Akhmad", "A.")
SITI_FORMS = ("St.",)
ABDUL_FORMS = ("Abd.",)

_VOWELS = "aiueo"
_SYLLABLE = re.compile(r"[^aiueo]*[aiueo]+(?:[^aiueo]+$)?")


def title(text: str) -> str:
    return " ".join(part[:1].upper() + part[1:] for part in text.split())


def _old_token(tok: str, rng) -> str:
    """One token in pre-1972 spelling: Cahyo → Tjahjo, Joko → Djoko, Suharto → Soeharto."""
    low = tok.lower()
    if "'" in low or low.endswith("."):
        return tok
    low = low.replace("j", "dj").replace("ny", "nj").replace("sy", "sj").replace("y", "j")
    low = low.replace("c", "tj").replace("kh", "ch")
    if "u" in low and rng.random() < 0.7:
        low = low.replace("u", "oe")
    return title(low)


def old_spelling(name: str, rng) -> str:
    return " ".join(_old_token(tok, rng) for tok in name.split())


def _arabic_variant(tok: str, rng) -> str:
    """kh/ch/h, sy/s, z/j, q/k, oi/ai, e/ai, doubled letters, final -ah: Khoirul/Choirul/Khairul."""
    low = tok.lower()
    options = []
    if "kh" in low:
        options += [low.replace("kh", "ch"), low.replace("kh", "h")]
    if low.startswith("ch") and not low.startswith("chan"):
        options.append("kh" + low[2:])
    if "sy" in low:
        options.append(low.replace("sy", "s"))
    if low.startswith("s") and not low.startswith("sy") and len(low) > 4:
        options.append("sy" + low[1:])
    if "z" in low:
        options.append(low.replace("z", "j"))
    if "q" in low:
        options.append(low.replace("q", "k"))
    if "oi" in low:
        options.append(low.replace("oi", "ai"))
    if "ae" in low or "ai" in low:
        options.append(low.replace("ae", "ai") if "ae" in low else low.replace("ai", "ae"))
    if "'" in low:
        options.append(low.replace("'", ""))
    if low.endswith("ah") and len(low) > 4:
        options.append(low[:-1])
    if low.endswith("o") and len(low) > 4:
        options.append(low[:-1] + "a")
    if low.endswith("a") and len(low) > 4 and low[-2] not in _VOWELS:
        options.append(low[:-1] + "o")
    for i in range(1, len(low) - 1):
        if low[i] in "slmnr" and low[i - 1] in _VOWELS and low[i + 1] in _VOWELS:
            options.append(low[:i] + low[i] + low[i:])  # Hasan → Hassan
            break
    for i in range(1, len(low) - 1):
        if low[i] == low[i + 1]:
            options.append(low[:i] + low[i + 1:])  # Hassan → Hasan
            break
    return title(rng.choice(options)) if options else tok


def _typo(tok: str, rng) -> str:
    low = tok.lower()
    if len(low) < 5 or "." in low:
        return tok
    i = rng.randrange(1, len(low) - 1)
    kind = rng.random()
    if kind < 0.4:
        low = low[:i] + low[i + 1:]                         # a letter left out
    elif kind < 0.7:
        low = low[:i] + low[i + 1] + low[i] + low[i + 2:]   # two letters swapped
    else:
        low = low[:i] + low[i] + low[i:]                    # a letter doubled
    return title(low)


def abbreviate(name: str, rng) -> str:
    """Muhammad → Moch./M./Muh., Siti → St., Abdul → Abd., Ahmad → Achmad."""
    out = []
    for tok in name.split():
        forms = {"Muhammad": MUHAMMAD_FORMS, "Ahmad": AHMAD_FORMS, "Siti": SITI_FORMS,
                 "Abdul": ABDUL_FORMS}.get(tok)
        out.append(rng.choice(forms) if forms else tok)
    return " ".join(out)


def nickname_of(name: str, rng) -> str:
    """A nama panggilan: a fragment of the name (Suryanto → Yanto, Sumarni → Marni) or a known form."""
    if nicknames.nicknames_of(name):
        return rng.choice(nicknames.nicknames_of(name))
    tokens = [t for t in name.replace(".", "").split() if t not in ("Muhammad", "Siti", "Sri", "Nur", "Moch",
                                                                   "Abdul", "Ahmad", "Dwi", "Tri", "Eko")]
    if not tokens:
        return name.split()[0]
    tok = max(tokens, key=len)
    if nicknames.nicknames_of(tok):
        return rng.choice(nicknames.nicknames_of(tok))
    syllables = _SYLLABLE.findall(tok.lower().replace("'", ""))
    if len(syllables) <= 2:
        return tok
    frag = "".join(syllables[-2:])
    if len(frag) > 2 and frag[0] not in _VOWELS and frag[1] not in _VOWELS:
        frag = frag[1:]  # Ryanto → Yanto, Rtono → Tono
    return title(frag)


def variant(name: str, rng, *, kinds=None) -> str:
    """A realistic other spelling of the same person's name, as another worker would write it."""
    kinds = kinds or ("old", "abbrev", "arabic", "typo", "drop_common", "join", "honorific", "drop_last")
    for _ in range(8):
        kind = rng.choice(kinds)
        tokens = name.split()
        if kind == "old":
            out = old_spelling(name, rng)
        elif kind == "abbrev":
            out = abbreviate(name, rng)
        elif kind == "arabic":
            i = rng.randrange(len(tokens))
            tokens[i] = _arabic_variant(tokens[i], rng)
            out = " ".join(tokens)
        elif kind == "typo":
            i = max(range(len(tokens)), key=lambda k: len(tokens[k]))
            tokens[i] = _typo(tokens[i], rng)
            out = " ".join(tokens)
        elif kind == "drop_common" and len(tokens) > 1 and tokens[0] in ("Muhammad", "Siti", "Sri", "Ahmad",
                                                                         "Abdul", "Nur"):
            out = " ".join(tokens[1:])
        elif kind == "join" and len(tokens) > 1 and tokens[0] in ("Nur", "Abdul", "Sri"):
            joined = tokens[0] + tokens[1].lower()
            out = " ".join([joined.replace("Abdulr", "Abdurr"), *tokens[2:]])
        elif kind == "honorific":
            out = f"{rng.choice(('Mbah', 'Pak', 'Bu', 'Cak', 'Mas'))} {name}"
        elif kind == "drop_last" and len(tokens) > 2:
            out = " ".join(tokens[:-1])
        else:
            continue
        if out != name:
            return out
    return _typo(name, rng) if len(name) >= 5 else name + "h"


def person_name(rng, sex: str, birth_year: int | None) -> tuple[str, str]:
    """(full name as given, name quality) for a synthetic person."""
    female = sex == "P"
    roll = rng.random()
    if roll < 0.005:
        return "Tanpa Nama", "unknown"
    if roll < 0.07:
        word = rng.choice(STREET_NAMES)
        kin = rng.choice(KINSHIP_FEMALE if female else KINSHIP_MALE)
        given = rng.choice(JAVANESE_FEMALE if female else JAVANESE_MALE).split()[-1]
        return (f"{kin} {word}" if rng.random() < 0.6 else f"{kin} {given}"), "partial"
    if roll < 0.28:
        name = rng.choice(JAVANESE_FEMALE if female else JAVANESE_MALE)
    elif roll < 0.50:
        first = rng.choice(JAVANESE_FEMALE if female else JAVANESE_MALE).split()[-1]
        if rng.random() < 0.4:
            first = rng.choice(MODERN_FEMALE if female else MODERN_MALE)
        name = f"{first} {rng.choice(SECOND_NAMES_FEMALE if female else SECOND_NAMES_MALE)}"
    elif roll < 0.80:
        pool = ARABIC_FEMALE if female else ARABIC_MALE
        lead = rng.random()
        if female:
            prefix = "Siti " if lead < 0.45 else ("Nur " if lead < 0.55 else "")
        else:
            prefix = "Muhammad " if lead < 0.35 else ("Ahmad " if lead < 0.5 else ("Abdul " if lead < 0.58 else ""))
        name = prefix + rng.choice(pool)
        if rng.random() < 0.5 or not prefix:
            name += " " + rng.choice(pool if rng.random() < 0.6 else (
                SECOND_NAMES_FEMALE if female else SECOND_NAMES_MALE))
        if rng.random() < 0.06:
            name += (" binti " if female else " bin ") + rng.choice(JAVANESE_MALE + ARABIC_MALE).split()[-1]
    else:
        pool = MODERN_FEMALE if female else MODERN_MALE
        name = " ".join(rng.sample(pool, 2))
        if rng.random() < 0.5:
            name += " " + rng.choice(SECOND_NAMES_FEMALE if female else SECOND_NAMES_MALE)
    tokens = name.split()
    if len(set(tokens)) < len(tokens):
        name = " ".join(dict.fromkeys(tokens))
    if birth_year and birth_year < 1968 and rng.random() < 0.35:
        name = old_spelling(name, rng)
    elif rng.random() < 0.12:
        name = abbreviate(name, rng)
    return name, "full"


def mother_name(rng) -> str:
    name, _ = person_name(rng, "P", None)
    return name if name != "Tanpa Nama" else rng.choice(JAVANESE_FEMALE)


def make_nik(rng, *, region6: str, birth: date, sex: str, serial: int) -> str:
    """A structurally valid NIK: region of first registration, DDMMYY (women +40), serial."""
    day = birth.day + (40 if sex == "P" else 0)
    return f"{region6}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


# Kecamatan prefixes (6 digits) for NIKs: Kota Malang and the surrounding Jawa Timur kabupaten/kota.
NIK_PREFIXES_KOTA_MALANG = ("357301", "357302", "357303", "357304", "357305")
NIK_PREFIXES_JATIM = (
    "350701", "350705", "350710", "350714", "350718", "350722", "350726", "350730",  # Kabupaten Malang
    "351401", "351407", "351412", "351420",  # Pasuruan
    "350502", "350508", "350515", "357201", "357202",  # Blitar
    "357801", "357805", "357812", "357820", "357826",  # Surabaya
    "357901", "357902", "357903",  # Batu
    "350801", "350810", "350901", "350915", "351301", "351310", "351601", "351710",
)
# Origins (daerah asal) outside Kota Malang, weighted towards the neighbours.
ORIGIN_CODES_NEAR = ("35.07", "35.07", "35.07", "35.14", "35.14", "35.05", "35.72", "35.78", "35.78", "35.79",
                     "35.08", "35.09", "35.13", "35.16", "35.17", "35.75", "35.76", "35.22", "35.24")
ORIGIN_CODES_FAR = ("33.74", "33.72", "31.74", "32.73", "34.71", "52.71", "51.71", "73.71", "12.71", "36.71")

OCCUPATIONS_ADULT = ("Pengemis", "Pemulung", "Buruh serabutan", "Tukang parkir", "Pengamen", "Buruh tani",
                     "Pedagang asongan", "Tidak bekerja", "Ibu rumah tangga", "Kuli angkut", "Tukang becak",
                     "Buruh cuci", "Penjual koran", "Juru parkir liar")
BIRTHPLACES = ("Malang", "Kab. Malang", "Pasuruan", "Blitar", "Surabaya", "Batu", "Lumajang", "Probolinggo",
               "Jember", "Kediri", "Tulungagung", "Sidoarjo", "Mojokerto", "Semarang", "Jakarta", "Solo")
STREETS = ("Jl. Kawi", "Jl. Ijen", "Jl. Semeru", "Jl. Merdeka Barat", "Jl. Basuki Rahmat", "Jl. Soekarno-Hatta",
           "Jl. Mayjen Panjaitan", "Jl. Sulfat", "Jl. Janti", "Jl. Gadang", "Jl. Muharto", "Jl. Kolonel Sugiono",
           "Jl. Letjen Sutoyo", "Jl. Tlogomas", "Jl. Bandulan", "Jl. Mergan", "Jl. Arjosari", "Jl. Sawojajar",
           "Jl. Ranugrati", "Jl. Kebalen Wetan", "Jl. Embong Brantas", "Jl. Laksda Adi Sucipto")


def address(rng) -> tuple[str, str, str]:
    """(address, RT, RW)."""
    return (f"{rng.choice(STREETS)} Gg. {rng.randint(1, 12)} No. {rng.randint(1, 120)}",
            f"{rng.randint(1, 12):03d}", f"{rng.randint(1, 9):03d}")


def birth_for_age(rng, age: int, today: date) -> date:
    return today - timedelta(days=age * 365 + rng.randrange(365))


# --------------------------------------------------------------------------------------- the seeder

MARKER_NAME = "Mbah Painem"  # the first demo person: if it exists, the people demo data is there

# True duplicates left unmerged for the merge screen: (first registration, later registration).
DUPLICATE_PAIRS = (
    ("Muhammad Khoirul Anam", "Moch. Choirul Anam", "L"),
    ("Sutrisno", "Soetrisno", "L"),
    ("Sri Wahyuni", "Sri Wahjoeni", "P"),
    ("Nur Hasanah", "Nurhasanah", "P"),
    ("Suryanto", "Yanto", "L"),
    ("Siti Aminah", "St. Aminah", "P"),
    ("Joko Santoso", "Djoko Santoso", "L"),
    ("Abdul Rahman", "Abdurrahman", "L"),
    ("Ahmad Fauzi", "Achmad Fauzi", "L"),
    ("Cahyono", "Tjahjono", "L"),
    ("Zainal Arifin", "Zaenal Arifin", "L"),
    ("Hidayat Saputra", "Hidajat Saputro", "L"),
    ("Khoiriyah", "Choiriyah", "P"),
    ("Sumarni", "Mbok Marni", "P"),
    ("Yusuf Efendi", "Jusuf Effendi", "L"),
)

EVIDENCE = {
    "PPKS-04": "Ditemukan mengamen di perempatan saat penjangkauan; sebagian besar hari di jalan.",
    "PPKS-08": "Tinggal sendiri, tidak ada keluarga yang merawat; kebutuhan dasar tidak terpenuhi.",
    "PPKS-09": "Hasil asesmen peksos dan surat keterangan puskesmas.",
    "PPKS-05": "Anak dengan disabilitas; asesmen bersama orang tua.",
    "PPKS-11": "Tidur di emperan toko, tidak punya tempat tinggal tetap.",
    "PPKS-12": "Meminta-minta di lampu merah; terjaring razia Satpol PP.",
    "PPKS-13": "Mengumpulkan barang bekas di TPS; tidur di gerobak.",
    "PPKS-23": "Janda dengan anak, penghasilan tidak tetap.",
    "PPKS-24": "Terdaftar DTKS desil 1; rumah tidak layak huni.",
    "PPKS-16": "Rujukan puskesmas; pendampingan KDS.",
    "PPKS-03": "Diversi di tingkat kepolisian; pendampingan peksos.",
    "PPKS-10": "Terjaring razia; asesmen di Camp Assessment Tlogowaru.",
}
DISABILITY_TYPES = ("physical", "visual", "hearing", "intellectual", "mental", "multiple")
DISABILITY_NOTES = {"physical": "Kaki kanan diamputasi, memakai kruk", "visual": "Tunanetra sejak lahir",
                    "hearing": "Tunarungu wicara", "intellectual": "Disabilitas intelektual ringan",
                    "mental": "ODGJ, kontrol rutin di RSJ Lawang", "multiple": "Lumpuh layu dan low vision"}


class _Seeder:
    """Registers the demo persons through the services, as workers would."""

    def __init__(self, ctx):
        from desaku.core.models import PPKSCategory, Region

        self.ctx = ctx
        self.rng = ctx.rng
        self.today = date.today()
        self.kelurahan = list(Region.objects.filter(level=4, code__startswith="35.73.").order_by("code"))
        self.regions = {r.code: r for r in Region.objects.filter(
            code__in={*ORIGIN_CODES_NEAR, *ORIGIN_CODES_FAR, "35.73"})}
        self.categories = {c.code: c for c in PPKSCategory.objects.all()}
        self.nik_serial = 0
        self.persons = []
        self.pairs = 0

    # -- pieces ----------------------------------------------------------------------------------
    def user(self, *names):
        return self.ctx.users[self.rng.choice(names)]

    def origin(self, outside: float):
        if self.rng.random() < outside:
            near = [c for c in ORIGIN_CODES_NEAR if c in self.regions and c != "35.73"]
            far = [c for c in ORIGIN_CODES_FAR if c in self.regions]
            return self.regions[self.rng.choice(near if self.rng.random() < 0.85 or not far else far)]
        return self.regions.get("35.73") if self.rng.random() < 0.5 else self.rng.choice(self.kelurahan)

    def domicile(self, data: dict, *, abode: float):
        if self.rng.random() < abode:
            data["no_fixed_abode"] = True
        else:
            data["domicile_kelurahan"] = self.rng.choice(self.kelurahan)
            data["domicile_address"], data["domicile_rt"], data["domicile_rw"] = address(self.rng)

    def birth(self, data: dict, age: int, *, exact: float) -> date:
        born = birth_for_age(self.rng, age, self.today)
        if self.rng.random() < exact:
            data.update(birth_date=born, birth_date_quality="exact")
        elif self.rng.random() < 0.7:
            on = self.today - timedelta(days=self.rng.randrange(20, 400))
            estimate = age if age < 20 or self.rng.random() < 0.5 else age - age % 5
            data.update(birth_date_quality="approximate", estimated_age=estimate, age_estimated_on=on)
        elif self.rng.random() < 0.6:
            data.update(birth_date_quality="approximate", birth_year=born.year)
        else:
            data.update(birth_date_quality="unknown")
        return born

    def nik(self, data: dict, born: date) -> str:
        if data.get("birth_date_quality") != "exact":
            return ""
        self.nik_serial += 1
        prefix = self.rng.choice(NIK_PREFIXES_KOTA_MALANG if data.get("domicile_kelurahan") else
                                 NIK_PREFIXES_JATIM)
        return make_nik(self.rng, region6=prefix, birth=born, sex=data["sex"], serial=self.nik_serial)

    def register(self, by, data: dict, *, nik: str = "", no_kk: str = "", aliases=()):
        from desaku.people import services

        data.setdefault("religion", "islam" if self.rng.random() < 0.9 else self.rng.choice(("kristen", "katolik")))
        person = services.register_person(by=by, data=data, nik=nik, no_kk=no_kk, aliases=aliases,
                                          confirm_new=True, confirm_warnings=True, note="Data demo")
        self.persons.append(person)
        return person

    def alias(self, person, by, *, kind: str = ""):
        from desaku.people import services

        if kind == "street":
            kin = KINSHIP_FEMALE if person.sex == "P" else KINSHIP_MALE
            name = f"{self.rng.choice(kin)} {self.rng.choice(STREET_NAMES)}"
        elif kind == "spelling":
            name = variant(person.full_name, self.rng, kinds=("old", "abbrev", "arabic"))
        else:
            kind, name = "nickname", nickname_of(person.full_name, self.rng)
        if name.casefold() != person.full_name.casefold():
            services.add_alias(person=person, by=by, name=name, kind=kind)

    def classify(self, person, by, code: str, *, months: int = 24):
        from desaku.people import services

        services.classify(person=person, by=by, category=self.categories[code],
                          valid_from=self.today - timedelta(days=self.rng.randrange(10, months * 30)),
                          evidence=EVIDENCE.get(code, ""))

    def consent(self, person, by, *, shared=(), guardian: str = ""):
        from desaku.people import services

        services.record_consent(
            person=person, by=by, given_on=self.today - timedelta(days=self.rng.randrange(5, 300)),
            shared_with=[self.ctx.organisations[key] for key in shared],
            given_by="guardian" if guardian else "self", guardian_name=guardian,
            guardian_relationship="Ibu" if guardian else "", witness=self.rng.choice(
                ("Ketua RT 03", "Petugas Satpol PP", "Pendamping LKS", "Peksos Dinsos", "Lurah")))

    def adult_data(self, sex: str, age: int, *, name=None, quality="full") -> dict:
        if name is None:
            name, quality = person_name(self.rng, sex, self.today.year - age)
            name = "Tanpa Nama" if quality == "unknown" else name
        data = {"full_name": name, "name_quality": quality, "sex": sex,
                "occupation": self.rng.choice(OCCUPATIONS_ADULT),
                "marital_status": self.rng.choice(("married", "divorced", "widowed", "single")),
                "education": self.rng.choice(("none", "sd_not_finished", "sd", "smp", "sma"))}
        if self.rng.random() < 0.4:
            data["mother_name"] = mother_name(self.rng)
        if self.rng.random() < 0.4:
            data["birthplace"] = self.rng.choice(BIRTHPLACES)
        return data

    # -- groups ----------------------------------------------------------------------------------
    def marker(self):
        by = self.ctx.users["peksos"]
        data = self.adult_data("P", 78, name=MARKER_NAME, quality="partial")
        data.update(occupation="Pengemis", physical_description="Rambut putih, bungkuk, berjalan dengan tongkat",
                    origin_region=self.regions.get("35.07"))
        self.birth(data, 78, exact=0.0)
        self.domicile(data, abode=1.0)
        person = self.register(by, data, aliases=["Mbok Inem"])
        self.classify(person, by, "PPKS-08")
        self.classify(person, by, "PPKS-12")
        self.consent(person, by, shared=("lks_lansia",))

    def families(self, n: int):
        for _ in range(n):
            by = self.user("peksos", "peksos2", "operator")
            kel = self.rng.choice(self.kelurahan)
            addr, rt, rw = address(self.rng)
            home = {"domicile_kelurahan": kel, "domicile_address": addr, "domicile_rt": rt, "domicile_rw": rw}
            head_age = self.rng.randint(28, 58)
            head_sex = "L" if self.rng.random() < 0.8 else "P"
            data = {**self.adult_data(head_sex, head_age), **home, "marital_status": "married"}
            born = self.birth(data, head_age, exact=0.85)
            head = self.register(by, data, nik=self.nik(data, born))
            kk = f"{self.rng.choice(NIK_PREFIXES_KOTA_MALANG)}{self.rng.randint(1, 28):02d}" \
                 f"{self.rng.randint(1, 12):02d}{self.rng.randint(5, 24):02d}{self.rng.randint(1, 9999):04d}"
            from desaku.people import services

            household = services.create_household(
                by=by, head=head, no_kk=kk if self.rng.random() < 0.8 else "", kelurahan=kel, address=addr, rt=rt,
                rw=rw, welfare_decile=self.rng.randint(1, 3),
                start_date=self.today - timedelta(days=self.rng.randrange(200, 4000)))
            members = []
            mother = head.full_name if head_sex == "P" else mother_name(self.rng)
            if head_sex == "L" and self.rng.random() < 0.85:
                spouse_age = max(20, head_age - self.rng.randint(0, 6))
                data = {**self.adult_data("P", spouse_age), **home, "marital_status": "married"}
                born = self.birth(data, spouse_age, exact=0.8)
                spouse = self.register(by, data, nik=self.nik(data, born))
                members.append((spouse, "spouse"))
                mother = spouse.full_name
            for _ in range(self.rng.randint(1, 4)):
                sex = self.rng.choice("LP")
                age = self.rng.randint(1, max(1, min(17, head_age - 20)))
                name, _quality = person_name(self.rng, sex, self.today.year - age)
                data = {"full_name": name if name != "Tanpa Nama" else "Dwi Lestari", "sex": sex, **home,
                        "education": "sd" if age > 6 else "", "mother_name": mother}
                born = self.birth(data, age, exact=0.9)
                members.append((self.register(by, data, nik=self.nik(data, born)), "child"))
            if self.rng.random() < 0.25:
                sex = self.rng.choice("LP")
                age = self.rng.randint(65, 85)
                data = {**self.adult_data(sex, age), **home, "marital_status": "widowed",
                        "occupation": "Tidak bekerja"}
                self.birth(data, age, exact=0.3)
                elder = self.register(by, data)
                members.append((elder, "parent"))
                self.classify(elder, by, "PPKS-08")
            for person, relationship in members:
                services.add_member(household=household, person=person, relationship=relationship, by=by,
                                    start_date=household.memberships.first().start_date)
            self.classify(head, by, "PPKS-24")
            if head_sex == "P":
                self.classify(head, by, "PPKS-23")
            self.consent(head, by, shared=("lks_anak",) if self.rng.random() < 0.3 else ())

    def street_children(self, n: int):
        for _ in range(n):
            by = self.user("lks", "lks", "penjangkauan", "peksos")
            sex = "L" if self.rng.random() < 0.75 else "P"
            age = self.rng.randint(7, 17)
            name, quality = person_name(self.rng, sex, self.today.year - age)
            if quality == "full" and self.rng.random() < 0.3:
                name, quality = name.split()[0], "partial"  # gives only a first name
            data = {"full_name": name, "name_quality": quality, "sex": sex,
                    "education": self.rng.choice(("sd_not_finished", "sd", "smp", "")),
                    "occupation": self.rng.choice(("Pengamen", "Penjual koran", "Pengemis", "Tukang semir")),
                    "origin_region": self.origin(0.5),
                    "physical_description": self.rng.choice(("Kurus, kulit gelap", "Rambut dicat pirang",
                                                             "Bekas luka di pelipis", "Bertato kecil di lengan"))}
            if self.rng.random() < 0.5:
                data["mother_name"] = mother_name(self.rng)
            self.birth(data, age, exact=0.15)
            self.domicile(data, abode=0.4)
            person = self.register(by, data, aliases=[])
            if self.rng.random() < 0.6:
                self.alias(person, by, kind="street")
            if self.rng.random() < 0.3:
                self.alias(person, by)
            if age >= 5:
                self.classify(person, by, "PPKS-04")
            guardian = data.get("mother_name") or ""
            if self.rng.random() < 0.7:
                self.consent(person, by, shared=("lks_anak",) if by.username != "lks" else (),
                             guardian=guardian or "Ketua RT 03")

    def gepeng(self, n: int):
        for _ in range(n):
            by = self.user("penjangkauan", "penjangkauan", "peksos", "peksos2")
            sex = "L" if self.rng.random() < 0.6 else "P"
            age = self.rng.randint(22, 75)
            data = self.adult_data(sex, age)
            data.update(origin_region=self.origin(0.9), occupation=self.rng.choice(("Pengemis", "Pemulung",
                                                                                      "Tidak bekerja")))
            born = self.birth(data, age, exact=0.2)
            self.domicile(data, abode=0.75)
            person = self.register(by, data, nik=self.nik(data, born) if self.rng.random() < 0.3 else "")
            if self.rng.random() < 0.35:
                self.alias(person, by, kind=self.rng.choice(("street", "nickname")))
            roll = self.rng.random()
            codes = ["PPKS-11", "PPKS-12"] if roll < 0.35 else (["PPKS-12"] if roll < 0.7 else (
                ["PPKS-11"] if roll < 0.85 else ["PPKS-13"]))
            for code in codes:
                self.classify(person, by, code)
            if age >= 60 and self.rng.random() < 0.5:
                self.classify(person, by, "PPKS-08")
            if self.rng.random() < 0.4:
                self.consent(person, by)

    def elderly(self, n: int):
        for _ in range(n):
            by = self.user("lks2", "lks2", "peksos2")
            sex = "P" if self.rng.random() < 0.6 else "L"
            age = self.rng.randint(62, 92)
            data = self.adult_data(sex, age)
            data.update(marital_status="widowed", occupation="Tidak bekerja", origin_region=self.origin(0.4))
            if self.rng.random() < 0.3:
                data["chronic_illness"] = self.rng.choice(("Hipertensi", "Diabetes", "Rematik", "Katarak"))
            born = self.birth(data, age, exact=0.35)
            self.domicile(data, abode=0.3)
            person = self.register(by, data, nik=self.nik(data, born))
            if self.rng.random() < 0.3:
                self.alias(person, by)
            self.classify(person, by, "PPKS-08")
            if self.rng.random() < 0.25:
                self.disability(person, by, age)
            self.consent(person, by, shared=("lks_lansia",) if by.username != "lks2" else ())

    def disability(self, person, by, age: int):
        from desaku.people import services

        kind = self.rng.choice(DISABILITY_TYPES)
        severity = self.rng.choice(("light", "moderate", "severe"))
        services.add_disability(person=person, by=by, type=kind, severity=severity,
                                needs_daily_help=severity == "severe", note=DISABILITY_NOTES[kind])
        self.classify(person, by, "PPKS-05" if age < 18 else "PPKS-09")

    def disabled(self, n: int):
        for _ in range(n):
            by = self.user("peksos", "peksos2", "operator")
            sex = self.rng.choice("LP")
            age = self.rng.randint(8, 70)
            data = self.adult_data(sex, age) if age >= 18 else {
                "full_name": person_name(self.rng, sex, self.today.year - age)[0], "sex": sex,
                "mother_name": mother_name(self.rng)}
            born = self.birth(data, age, exact=0.7)
            self.domicile(data, abode=0.1)
            person = self.register(by, data, nik=self.nik(data, born))
            self.disability(person, by, age)
            self.consent(person, by, guardian=data.get("mother_name", "") if age < 18 else "")

    def sensitive(self):
        by = self.ctx.users["peksos"]
        for code, sex, age in (("PPKS-16", "L", 34), ("PPKS-16", "P", 29), ("PPKS-03", "L", 15),
                               ("PPKS-10", "P", 26), ("PPKS-03", "L", 16)):
            data = self.adult_data(sex, age) if age >= 18 else {
                "full_name": person_name(self.rng, sex, self.today.year - age)[0], "sex": sex,
                "education": "smp"}
            self.birth(data, age, exact=0.5)
            self.domicile(data, abode=0.3)
            person = self.register(by, data)
            self.classify(person, by, code, months=12)
            if code == "PPKS-10":
                self.classify(person, by, "PPKS-23", months=12)

    def duplicates(self, n: int):
        """Pairs registered twice by different workers months apart: the merge screen's work."""
        for first, second, sex in DUPLICATE_PAIRS[:n]:
            age = self.rng.randint(25, 70)
            origin = self.origin(0.8)
            mother = mother_name(self.rng) if self.rng.random() < 0.5 else ""
            by_a, by_b = self.rng.sample([self.ctx.users[u] for u in ("penjangkauan", "peksos", "lks", "peksos2")],
                                         2)
            data = self.adult_data(sex, age, name=first)
            data.update(origin_region=origin, mother_name=mother)
            self.birth(data, age, exact=0.0)
            self.domicile(data, abode=0.7)
            a = self.register(by_a, data)
            self.classify(a, by_a, "PPKS-12")
            data = self.adult_data(sex, age, name=second, quality="partial" if len(second.split()) == 1 else "full")
            data.update(origin_region=origin if self.rng.random() < 0.7 else None, mother_name=mother)
            data.update(birth_date_quality="approximate", estimated_age=age + self.rng.choice((-2, 0, 0, 1, 3)),
                        age_estimated_on=self.today - timedelta(days=self.rng.randrange(5, 60)))
            self.domicile(data, abode=0.7)
            b = self.register(by_b, data)
            self.classify(b, by_b, "PPKS-11")
            self.pairs += 1


@core_demo.register("people", order=10)
def seed_people(ctx):
    from desaku.people.models import Person

    if Person.objects.filter(full_name=MARKER_NAME).exists():
        ctx.out("people: demo persons already there")
        return
    seeder = _Seeder(ctx)
    size = ctx.size

    def scaled(n: int, least: int = 1) -> int:
        return max(least, round(n * size))

    seeder.marker()
    seeder.families(scaled(30, 2))
    seeder.street_children(scaled(45, 3))
    seeder.gepeng(scaled(60, 3))
    seeder.elderly(scaled(40, 2))
    seeder.disabled(scaled(20, 2))
    seeder.sensitive()
    seeder.duplicates(min(len(DUPLICATE_PAIRS), scaled(15, 3)))
    ctx.out(f"people: {len(seeder.persons)} persons, {seeder.pairs} duplicate pairs left for merging")
