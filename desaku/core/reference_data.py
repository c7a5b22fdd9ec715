"""Reference data loaded by migration 0002 (and editable in the admin afterwards).

Pure data: migrations import this module, so it must not import models.
Sources: domain.md §1–§5 (facts marked "verify" there stay editable, never hard-coded in rules).
"""

KOTA_MALANG = "35.73"
TLOGOWARU = "35.73.03.1012"

# (number, name, short name, criterion, min age, max age exclusive, sensitive, older names)
PPKS_CATEGORIES = [
    (1, "Anak Balita Terlantar", "ABT", "Anak terlantar berusia 0–5 tahun", 0, 6, False, ""),
    (2, "Anak Terlantar", "AT", "Anak terlantar berusia 6–18 tahun", 6, 19, False, ""),
    (3, "Anak yang Berhadapan dengan Hukum", "ABH",
     "Anak 12–<18 tahun yang diduga/didakwa melakukan tindak pidana, atau anak korban/saksi (<18)",
     None, 18, True, "Anak Nakal"),
    (4, "Anak Jalanan", "Anjal",
     "Anak yang sebagian besar waktunya di jalanan (Perda Kota Malang 9/2013: usia 5–18)", 5, 19, False, ""),
    (5, "Anak dengan Kedisabilitasan", "ADK", "Anak dengan disabilitas", 0, 18, False, "Anak Cacat"),
    (6, "Anak yang Menjadi Korban Tindak Kekerasan atau Diperlakukan Salah", "AKTK",
     "Anak korban kekerasan atau perlakuan salah", 0, 18, False, ""),
    (7, "Anak yang Memerlukan Perlindungan Khusus", "AMPK", "Anak yang memerlukan perlindungan khusus",
     0, 18, False, ""),
    (8, "Lanjut Usia Terlantar", "Lansia", "Orang berusia ≥60 tahun yang kebutuhan dasarnya tidak terpenuhi",
     60, None, False, ""),
    (9, "Penyandang Disabilitas", "PD", "Orang dengan disabilitas (tingkat keparahan menentukan bantuan)",
     None, None, False, "Penyandang Cacat"),
    (10, "Tuna Susila", "TS", "Pekerja seks (istilah dalam peraturan)", None, None, True, "WTS"),
    (11, "Gelandangan", "Gel", "Tidak punya tempat tinggal dan penghasilan tetap, sering tanpa KTP",
     None, None, False, ""),
    (12, "Pengemis", "Peng", "Orang yang meminta-minta di tempat umum", None, None, False, ""),
    (13, "Pemulung", "Pml", "Orang yang mengumpulkan barang bekas", None, None, False, ""),
    (14, "Kelompok Minoritas", "KM", "Kelompok minoritas (terbatas)", None, None, True, ""),
    (15, "Bekas Warga Binaan Lembaga Pemasyarakatan", "BWBLP", "Mantan narapidana", None, None, False,
     "Eks Narapidana"),
    (16, "Orang dengan HIV/AIDS", "ODHA", "Orang dengan HIV/AIDS (terbatas)", None, None, True, ""),
    (17, "Korban Penyalahgunaan NAPZA", "NAPZA", "Korban penyalahgunaan narkotika, psikotropika dan zat adiktif",
     None, None, False, "Eks Napza"),
    (18, "Korban Trafficking", "KTr", "Korban perdagangan orang", None, None, False, ""),
    (19, "Korban Tindak Kekerasan", "KTK", "Korban tindak kekerasan", None, None, False, ""),
    (20, "Pekerja Migran Bermasalah Sosial", "PMBS", "Pekerja migran dengan masalah sosial", None, None, False,
     "Pekerja Migran Terlantar"),
    (21, "Korban Bencana Alam", "KBA", "Korban bencana alam", None, None, False, ""),
    (22, "Korban Bencana Sosial", "KBS", "Korban bencana sosial", None, None, False, ""),
    (23, "Perempuan Rawan Sosial Ekonomi", "PRSE", "Perempuan rawan sosial ekonomi usia 18–59 tahun",
     18, 60, False, "WRSE"),
    (24, "Fakir Miskin", "Fakmis", "Fakir miskin", None, None, False, ""),
    (25, "Keluarga Bermasalah Sosial Psikologis", "KBSP", "Keluarga dengan masalah sosial psikologis",
     None, None, False, ""),
    (26, "Komunitas Adat Terpencil", "KAT", "Komunitas adat terpencil", None, None, False, ""),
]

PSKS_CATEGORIES = [
    (1, "Pekerja Sosial Profesional", "Peksos"),
    (2, "Pekerja Sosial Masyarakat", "PSM"),
    (3, "Taruna Siaga Bencana", "Tagana"),
    (4, "Lembaga Kesejahteraan Sosial", "LKS"),
    (5, "Karang Taruna", "Karang Taruna"),
    (6, "Lembaga Konsultasi Kesejahteraan Keluarga", "LK3"),
    (7, "Keluarga Pioner", "Keluarga Pioner"),
    (8, "Wahana Kesejahteraan Sosial Berbasis Masyarakat", "WKSBM"),
    (9, "Wanita Pemimpin Kesejahteraan Sosial", "WPKS"),
    (10, "Penyuluh Sosial", "Penyuluh Sosial"),
    (11, "Tenaga Kesejahteraan Sosial Kecamatan", "TKSK"),
    (12, "Dunia Usaha", "Dunia Usaha"),
]

FUNDING_SOURCES = [
    ("APBN", "APBN / Kementerian Sosial RI", "Anggaran pendapatan dan belanja negara (Kemensos RI)"),
    ("APBD-I", "APBD I (Provinsi Jawa Timur)", "Anggaran provinsi"),
    ("APBD-II", "APBD II (Kota Malang)", "Anggaran kota"),
    ("CSR", "CSR dunia usaha", "Tanggung jawab sosial perusahaan"),
    ("LAIN", "Sumber lain yang sah", "Hibah, donasi dan sumber lain"),
]

# (name, short name, type, address, region code, services). Capacities and addresses: verify.
INSTITUTIONS = [
    ("Dinas Sosial Kota Malang", "Dinsos Kota Malang", "dinsos",
     "Jl. Sulfat No. 12, Bunulrejo, Blimbing, Kota Malang", "35.73.01.1008", "Penyelenggara layanan sosial kota"),
    ("Dinas Sosial Provinsi Jawa Timur", "Dinsos Jatim", "dinsos", "Jl. Gayung Kebonsari No. 56b, Surabaya",
     "35.78", "Pemilik UPT rehabilitasi sosial provinsi"),
    ("Kementerian Sosial Republik Indonesia", "Kemensos RI", "kemensos", "Jl. Salemba Raya No. 28, Jakarta Pusat",
     "31.71", "Pendana dan penyeleksi akhir program Desaku Menanti"),
    ("UPT Pelayanan Sosial Asuhan Balita Sidoarjo", "UPT PSAB Sidoarjo", "upt", "Sidoarjo", "35.15",
     "Bayi dan anak balita terlantar"),
    ("UPT Rehabilitasi Sosial Bina Laras Pasuruan", "UPT RSBL Pasuruan", "upt", "Pasuruan", "35.14",
     "Rehabilitasi psikososial (disabilitas mental)"),
    ("UPT Rehabilitasi Sosial Bina Laras Kediri", "UPT RSBL Kediri", "upt", "Kediri", "35.71",
     "Rehabilitasi psikososial (disabilitas mental)"),
    ("UPT Rehabilitasi Sosial Bina Netra Malang", "UPT RSBN Malang", "upt", "Kota Malang", "35.73",
     "Rehabilitasi sosial penyandang disabilitas netra"),
    ("UPT Pelayanan Sosial Tresna Werdha Jember", "UPT PSTW Jember", "upt", "Jember", "35.09",
     "Lanjut usia terlantar"),
    ("UPT Pelayanan Sosial Tresna Werdha Banyuwangi", "UPT PSTW Banyuwangi", "upt", "Banyuwangi", "35.10",
     "Lanjut usia terlantar"),
    ("UPT Pelayanan Sosial Bina Remaja Blitar", "UPT PSBR Blitar", "upt", "Blitar", "35.72",
     "Remaja putus sekolah dan terlantar"),
    ("UPT Rehabilitasi Sosial Gelandangan dan Pengemis Sidoarjo", "UPT Gepeng Sidoarjo", "upt", "Sidoarjo", "35.15",
     "Gelandangan dan pengemis"),
    ("Sentra Terpadu Kartini Temanggung (Kemensos)", "Sentra Kartini", "sentra", "Temanggung", "33.23",
     "Rehabilitasi sosial terpadu"),
    ("RSUD dr. Saiful Anwar Malang", "RSSA", "hospital", "Jl. Jaksa Agung Suprapto No. 2, Kota Malang",
     "35.73.02.1001", "Rumah sakit rujukan"),
    ("Rumah Sakit Jiwa dr. Radjiman Wediodiningrat Lawang", "RSJ Lawang", "rsj", "Lawang, Kabupaten Malang",
     "35.07", "Rumah sakit jiwa"),
    ("Pengadilan Negeri Malang", "PN Malang", "court", "Jl. Ahmad Yani Utara No. 198, Kota Malang", "35.73",
     "Penetapan diversi"),
    ("Kejaksaan Negeri Kota Malang", "Kejari Kota Malang", "prosecutor", "Kota Malang", "35.73", ""),
    ("Polresta Malang Kota", "Polresta Malang Kota", "police", "Jl. Jaksa Agung Suprapto No. 19, Kota Malang",
     "35.73", "Unit PPA"),
    ("Balai Pemasyarakatan Kelas I Malang", "Bapas Malang", "bapas", "Kota Malang", "35.73",
     "Pembimbing kemasyarakatan"),
    ("Satuan Polisi Pamong Praja Kota Malang", "Satpol PP Kota Malang", "satpol_pp", "Kota Malang", "35.73",
     "Patroli dan razia ketertiban umum"),
    ("Universitas Islam Negeri Maulana Malik Ibrahim Malang", "UIN Malang", "university", "Kota Malang",
     "35.73.05", "Mahasiswa pendamping"),
    ("Bank Indonesia Kantor Perwakilan Malang", "BI Malang", "bank", "Kota Malang", "35.73",
     "Pelatihan olahan makanan dan pengemasan"),
]

ORGANISATIONS = [
    ("Dinas Sosial Kota Malang", "Dinsos", "dinas", "Dinas Sosial Kota Malang"),
    ("Kementerian Sosial RI", "Kemensos", "kemensos", "Kementerian Sosial Republik Indonesia"),
]

# Role → permissions ("app_label.codename"); "*" = every permission. Editable afterwards in the admin.
ROLE_PERMISSIONS = {
    "Administrator": ["*"],
    "Kepala Dinas": ["core.view_auditentry"],
    "Kepala Bidang": [],
    "Peksos": [],
    "Petugas Penjangkauan": [],
    "Operator": [],
    "Mitra LKS": [],
    "Pendamping": [],
    "Peninjau Kemensos": [],
    "Auditor": ["core.view_auditentry", "core.view_accesslogentry"],
}

# (code, name, class, order)
EXIT_DESTINATIONS = [
    ("street", "Kembali ke jalanan / melarikan diri", "street", 10),
    ("hospital", "Rumah sakit", "institution", 20),
    ("rsj", "Rumah sakit jiwa", "institution", 21),
    ("rehab", "Lembaga rehabilitasi (UPT / Sentra / IPWL)", "institution", 22),
    ("panti", "Panti sosial", "institution", 23),
    ("detention", "Tahanan / LPKA / lapas", "institution", 24),
    ("family_temporary", "Tinggal sementara dengan keluarga/kerabat", "temporary", 30),
    ("shelter_other", "Penampungan sementara lain", "temporary", 31),
    ("family_permanent", "Tinggal tetap dengan keluarga/wali", "permanent", 40),
    ("repatriated", "Dipulangkan ke daerah asal (keluarga)", "permanent", 41),
    ("own_housing", "Tempat tinggal sendiri (kontrak/milik)", "permanent", 42),
    ("village", "Desaku Menanti (kampung pemukiman)", "permanent", 43),
    ("deceased", "Meninggal dunia", "deceased", 90),
    ("unknown", "Tidak diketahui", "unknown", 99),
]
