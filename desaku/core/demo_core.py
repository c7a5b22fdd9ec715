"""Core demo data: organisations and one user per role."""

from desaku.core import demo
from desaku.core.models import Organisation, OrganisationKind, Role, Scope, User
from desaku.core.services import create_staff_user

DEMO_ORGANISATIONS = {
    "dinsos": ("Dinas Sosial Kota Malang", "Dinsos", OrganisationKind.DINAS, ""),
    "kemensos": ("Kementerian Sosial RI", "Kemensos", OrganisationKind.KEMENSOS, ""),
    "lks_anak": ("Yayasan Sahabat Anak Jalanan Malang", "YSAJ", OrganisationKind.LKS,
                 "Jl. Ir. Rais No. 45, Tanjungrejo, Sukun, Kota Malang"),
    "lks_lansia": ("LKS Griya Werdha Sejahtera", "Griya Werdha", OrganisationKind.LKS,
                   "Jl. Sunan Muria No. 3, Mojolangu, Lowokwaru, Kota Malang"),
    "uin": ("UIN Maulana Malik Ibrahim Malang", "UIN Malang", OrganisationKind.UNIVERSITY,
            "Jl. Gajayana No. 50, Dinoyo, Lowokwaru, Kota Malang"),
}

# username: (first, last, role, organisation key, scope, job title)
DEMO_USERS = {
    "admin": ("Agus", "Setiawan", Role.ADMINISTRATOR, "dinsos", Scope.ALL, "Pranata Komputer"),
    "kadis": ("Hj. Sri", "Wahyuningsih", Role.KEPALA_DINAS, "dinsos", Scope.ALL, "Kepala Dinas Sosial"),
    "kabid": ("Bambang", "Sugiarto", Role.KEPALA_BIDANG, "dinsos", Scope.ORGANISATION,
              "Kepala Bidang Rehabilitasi Sosial"),
    "peksos": ("Dewi", "Lestari", Role.PEKSOS, "dinsos", Scope.OWN, "Pekerja Sosial Ahli Pertama"),
    "peksos2": ("Moch.", "Choirul Anam", Role.PEKSOS, "dinsos", Scope.OWN, "Pekerja Sosial Terampil"),
    "penjangkauan": ("Eko", "Prasetyo", Role.PETUGAS_PENJANGKAUAN, "dinsos", Scope.OWN, "Petugas Penjangkauan"),
    "operator": ("Rina", "Kusumawati", Role.OPERATOR, "dinsos", Scope.ORGANISATION, "Operator Data"),
    "lks": ("Yusuf", "Hidayat", Role.MITRA_LKS, "lks_anak", Scope.ORGANISATION, "Pendamping LKS"),
    "lks2": ("Siti", "Aminah", Role.MITRA_LKS, "lks_lansia", Scope.ORGANISATION, "Koordinator LKS"),
    "pendamping": ("Nur", "Hasanah", Role.PENDAMPING, "uin", Scope.OWN, "Mahasiswa pendamping"),
    "kemensos": ("Tjahjo", "Kumolo", Role.PENINJAU_KEMENSOS, "kemensos", Scope.OWN, "Peninjau Kemensos"),
    "auditor": ("Lukman", "Hakim", Role.AUDITOR, "dinsos", Scope.ALL, "Inspektorat / Auditor"),
}


@demo.register("core", order=0)
def seed_core(ctx: demo.DemoContext):
    for key, (name, short, kind, address) in DEMO_ORGANISATIONS.items():
        org = Organisation.objects.filter(name=name).first()
        if org is None:
            org = Organisation(name=name, short_name=short, kind=kind, address=address)
            org.save()
        ctx.organisations[key] = org
    for username, (first, last, role, org_key, scope, title) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_staff_user(username=username, password=demo.DEMO_PASSWORD, roles=[role],
                                     organisation=ctx.organisations[org_key], data_scope=scope,
                                     first_name=first, last_name=last, job_title=title)
        ctx.users[username] = user
