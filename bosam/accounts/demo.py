"""Demo organisation: the seed's four committees, their offices and units, one user per role."""

from bosam.accounts.models import Committee, Office, Unit, User
from bosam.accounts.roles import Role
from bosam.core.demo import DemoContext

DEMO_PASSWORD = "demo-Bosam-2026"

COMMITTEES = {
    "social": ("Socialnämnden", "SN"),
    "care": ("Vård- och omsorgsnämnden", "VON"),
    "skills": ("Kompetensförsörjningsnämnden", "KFN"),
    "building": ("Byggnads- och miljöskyddsnämnden", "BMN"),
}
OFFICES = {
    "social": ("Socialkontoret", "social"),
    "care": ("Vård- och omsorgskontoret", "care"),
    "skills": ("Kompetensförsörjningskontoret", "skills"),
    "building": ("Stadsbyggnadskontoret", "building"),
}
UNITS = {
    "housing": ("Bostadssamordningen", "social", True),
    "adult": ("Vuxenenheten", "social", False),
    "family": ("Barn- och familjeenheten", "social", False),
    "assistance": ("Ekonomiskt bistånd", "skills", False),
    "newcomers": ("Mottagningsenheten för nyanlända", "skills", False),
    "psychiatry": ("Socialpsykiatri", "care", False),
    "lss": ("LSS-enheten", "care", False),
    "planning": ("Planenheten", "building", False),
}
USERS = [
    # username, first, last, role, unit key
    ("samordnare", "Sanna", "Samordnare", Role.HOUSING_COORDINATOR, "housing"),
    ("handlaggare", "Viktor", "Vräkningsförebyggare", Role.PREVENTION_CASEWORKER, "housing"),
    ("radgivare", "Rut", "Rådgivare", Role.HOUSING_ADVISER, "housing"),
    ("socsek", "Selma", "Socialsekreterare", Role.SOCIAL_WORKER, "adult"),
    ("socsek.barn", "Bertil", "Barnsekreterare", Role.SOCIAL_WORKER, "family"),
    ("chef", "Cecilia", "Chef", Role.MANAGER, "housing"),
    ("ekonom", "Egon", "Ekonom", Role.FINANCE, "housing"),
    ("admin", "Adam", "Systemförvaltare", Role.SYSTEM_ADMINISTRATOR, "housing"),
    ("namnd", "Nils", "Nämndledamot", Role.COMMITTEE_READER, None),
]


def build(ctx: DemoContext) -> None:
    committees = {
        key: Committee.objects.create(name=name, short_name=short)
        for key, (name, short) in COMMITTEES.items()
    }
    offices = {
        key: Office.objects.create(name=name, committee=committees[committee])
        for key, (name, committee) in OFFICES.items()
    }
    units = {
        key: Unit.objects.create(name=name, office=offices[office], is_housing_coordination=own)
        for key, (name, office, own) in UNITS.items()
    }
    users = {}
    hasher_user = User(username="hash")
    hasher_user.set_password(DEMO_PASSWORD)
    password_hash = hasher_user.password  # hash once: the same password for every demo login
    for username, first, last, role, unit in USERS:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            role=role,
            unit=units[unit] if unit else None,
            email=f"{username}@demo.invalid",
        )
        user.password = password_hash
        user.save()
        users[username] = user
        ctx.logins.append((str(Role(role).label), username, DEMO_PASSWORD))
    # An integration's account: no password, an API token issued on its administration page.
    service = User(
        username="ekonomisystem",
        first_name="Ekonomisystemet",
        role=Role.FINANCE,
        unit=units["housing"],
        is_service_account=True,
    )
    service.set_unusable_password()
    service.save()
    ctx.data.update(committees=committees, offices=offices, units=units, users=users)
