"""
A synthetic corpus to measure Suivi at the scale of an organisation's whole history.

Pure Python, no database: the functions here turn a seeded random generator into rows,
one tuple per row in the column order of TABLES. bench/generate.py reads what already
exists (bodies, sessions, actors, staff users, the States registry) into a `World`, then
writes the rows with COPY (PostgreSQL) or bulk_create (elsewhere).

The corpus is shaped like the real thing, because a measurement is only worth what
the data distribution is worth:

- two bodies: the Assembly of States Parties (few resolutions, long, many requests)
  and the UN General Assembly (most resolutions); sessions from the real calendars,
  some of them with dates not set yet;
- paragraphs of realistic length made of French and English resolution phrases, so
  that full-text search finds "coopération", "cooperation", "arrest warrants"…;
- accepted mandates addressed to the shipped actors, with deadlines tied to sessions
  or to dates, a status mix that depends on the mandate's age, a few urgent or
  internal ones, focal points among a handful of staff users;
- a history for every mandate that ends at its status and follows the transitions;
- per-State progress on the mandates addressed to groups of States (States Parties,
  Member States …): for a share of the States each such mandate concerns, a status
  with its history, as delegations and staff report them.

The counts asked for are met exactly (`Counts.at`), so that tests can check them.
Every synthetic symbol starts with SYMBOL_PREFIX: nobody mistakes one for a real
resolution, and the command tells a synthetic database from a real one.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from tracking.deadlines import Relation, resolve_due_date

# Bump when the rows change, so that `make bench` regenerates its databases.
GENERATOR_VERSION = 2

SYMBOL_PREFIX = "SYN-"
SYNTHETIC_DIGEST = "synthetic"  # ResolutionText.source_sha256: there is no source text
# History stops here whatever the day the corpus is generated on: a seed gives the same
# rows next year too.
CORPUS_DATE = dt.date(2026, 11, 1)

# Column order of each table's rows, by "app.Model" label; the table between mandates
# and actors is "tracking.Mandate_addressees".
TABLES: dict[str, tuple[str, ...]] = {
    "resolutions.Resolution": (
        "id", "symbol", "body_id", "session_id", "adopted_on", "meeting", "adoption_method",
        "votes_in_favour", "votes_against", "abstentions", "created_at", "updated_at",
    ),
    "resolutions.ResolutionText": (
        "id", "resolution_id", "language", "title", "body_name", "source_text",
        "source_sha256", "warnings", "imported_at", "imported_by_id",
    ),
    "resolutions.Paragraph": (
        "id", "resolution_id", "parent_id", "kind", "number", "label", "order",
    ),
    "resolutions.ParagraphText": ("id", "paragraph_id", "language", "text"),
    "resolutions.Reference": ("id", "paragraph_id", "symbol", "cited_resolution_id", "order"),
    "resolutions.Footnote": ("id", "resolution_id", "paragraph_id", "language", "mark", "text"),
    "tracking.Mandate": (
        "id", "paragraph_id", "resolution_id", "position", "action", "deliverable", "urgent",
        "deadline_relation", "deadline_session_id", "deadline_date", "well_before", "due_date",
        "status", "review", "focal_point_id", "recalls_id", "recalls_reference", "is_internal",
        "internal_notes", "search_text", "version", "created_at", "updated_at",
    ),
    "tracking.Mandate_addressees": ("id", "mandate_id", "actor_id"),
    "tracking.MandateEvent": (
        "id", "mandate_id", "at", "user_id", "field", "old_value", "new_value", "comment",
        "evidence_url", "evidence_symbol", "version",
    ),
    "tracking.StateProgress": (
        "id", "mandate_id", "state_id", "status", "comment", "evidence_url", "recorded_by_id",
        "reported_by_state", "updated_at", "version",
    ),
    "tracking.StateProgressEvent": (
        "id", "mandate_id", "state_id", "at", "user_id", "old_status", "new_status", "comment",
        "evidence_url", "report_id", "version",
    ),
}  # fmt: skip


# Sizes --------------------------------------------------------------------------------------

MIN_PARAGRAPHS = 3  # one preambular, two operative
MIN_EVENTS = 4  # suggested, accepted, and up to two status changes


@dataclass(frozen=True)
class Counts:
    resolutions: int
    paragraphs: int
    mandates: int
    events: int
    state_entries: int = 0  # per-State progress entries (each with its history)

    def at(self, scale: float) -> Counts:
        """The counts at a scale, kept consistent: every resolution has its minimal
        paragraphs and every mandate its minimal history."""
        resolutions = max(2, round(self.resolutions * scale))
        mandates = max(2, round(self.mandates * scale))
        return Counts(
            resolutions=resolutions,
            paragraphs=max(MIN_PARAGRAPHS * resolutions, round(self.paragraphs * scale)),
            mandates=mandates,
            events=max(MIN_EVENTS * mandates, round(self.events * scale)),
            state_entries=round(self.state_entries * scale),
        )


FULL_SCALE = Counts(
    resolutions=20_000,
    paragraphs=500_000,
    mandates=150_000,
    events=1_000_000,
    state_entries=2_000_000,
)

ASP = "ICC-ASP"
GA = "A/RES"
# The Assembly of States Parties adopts few resolutions, but long ones full of requests.
# Its share of mandates makes `?body=ICC-ASP` select 10,000 mandates at full scale (the
# bench's CSV export), and URGENT_SHARE makes `?body=ICC-ASP&urgent=yes` select about
# 1,000 (the bench's XLSX round trip).
ASP_RESOLUTION_SHARE = 0.05
ASP_MANDATE_SHARE = 1 / 15
URGENT_SHARE = 0.10
INTERNAL_SHARE = 0.02
FOCAL_POINT_SHARE = {ASP: 0.7, GA: 0.4}
# Sessions that adopted resolutions. ASP session 24 is in the shipped calendar without
# dates: its resolutions have no adoption date.
ADOPTING_SESSIONS = {ASP: range(1, 25), GA: range(1, 82)}
# Deadlines fall up to three sessions later, so these sessions must exist too.
LAST_SESSION = {ASP: 27, GA: 84}
# The addressees that stand for groups of States: each State they concern may have its
# own progress (tracking/states/membership.py resolves them).
STATE_GROUPS = ("states", "member_states", "states_parties", "non_party_states")
# A State's own status on a request made of it, and how it got there from nothing.
STATE_STATUS_WEIGHTS = {
    "completed": 40,
    "in_progress": 35,
    "not_started": 12,
    "ongoing": 8,
    "not_applicable": 5,
}
STATE_COMMENTS = [
    "Legislation before Parliament.",
    "Projet de loi déposé au Parlement.",
    "Focal point designated.",
    "Point focal national désigné.",
    "Agreement signed; ratification pending.",
    "Contribution paid.",
    "",
    "",
]
BATCH_STATE_ENTRIES = 50_000  # per-State entries made and written at a time


def spread(rng: random.Random, total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split `total` into len(weights) whole parts of at least `minimum`, in proportion
    to the weights; the parts add up to `total` exactly."""
    free = total - minimum * len(weights)
    if free < 0:
        raise ValueError(f"cannot split {total} into {len(weights)} parts of {minimum} or more")
    weight_sum = sum(weights) or 1.0
    parts = [minimum + math.floor(free * weight / weight_sum) for weight in weights]
    for index in rng.sample(range(len(parts)), total - sum(parts)):
        parts[index] += 1
    return parts


def _capped_spread(rng: random.Random, total: int, capacity: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `capacity`, no part above its capacity; the parts
    add up to `total` exactly (which must be at most the sum of the capacities)."""
    parts = [
        min(part, room) for part, room in zip(spread(rng, total, capacity), capacity, strict=True)
    ]
    short = total - sum(parts)
    while short:
        open_ = [
            i for i, (part, room) in enumerate(zip(parts, capacity, strict=True)) if part < room
        ]
        for index in rng.sample(open_, min(short, len(open_))):
            parts[index] += 1
            short -= 1
    return parts


def general_assembly_calendar() -> list[tuple[int, dt.date | None, dt.date | None]]:
    """(number, first day, last day) of the General Assembly's regular sessions: the main
    part runs from the second Tuesday of September to about 20 December. The sessions
    after the 81st have no dates yet."""
    calendar = []
    for number in range(1, LAST_SESSION[GA] + 1):
        if number > 81:
            calendar.append((number, None, None))
            continue
        september = dt.date(1945 + number, 9, 1)
        first_tuesday = september + dt.timedelta(days=(1 - september.weekday()) % 7)
        calendar.append((number, first_tuesday + dt.timedelta(7), dt.date(1945 + number, 12, 20)))
    return calendar


# What already exists ------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionInfo:
    id: int
    number: int
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class ActorInfo:
    id: int
    key: str
    name_en: str
    name_fr: str


@dataclass(frozen=True)
class World:
    """The rows the corpus points at, read from the database by the command."""

    body_ids: dict[str, int]  # symbol prefix → id
    sessions: dict[str, dict[int, SessionInfo]]  # symbol prefix → number → session
    actors: dict[str, ActorInfo]  # key → actor
    staff: list[tuple[int, str]]  # (user id, user name) of the focal points
    first_ids: dict[str, int]  # table label → first id to use
    well_before_lead_days: int = 60
    # Group key → the ids of the States it concerns on CORPUS_DATE (empty: no registry).
    group_states: dict[str, tuple[int, ...]] = field(default_factory=dict)


# Vocabulary ---------------------------------------------------------------------------------
# (French, English) pairs; a paragraph is written in each language of its resolution.

ASP_TITLES = [
    ("Coopération", "Cooperation"),
    (
        "Renforcement de la Cour pénale internationale et de l’Assemblée des États Parties",
        "Strengthening the International Criminal Court and the Assembly of States Parties",
    ),
    ("Budget-programme", "Programme budget"),
    (
        "Victimes et communautés affectées, réparations et Fonds au profit des victimes",
        "Victims and affected communities, reparations and Trust Fund for Victims",
    ),
    ("Mécanisme de contrôle indépendant", "Independent Oversight Mechanism"),
    ("Examen des méthodes de travail", "Review of working methods"),
    ("Locaux permanents", "Permanent premises"),
    ("Arriérés des États Parties", "Arrears of States Parties"),
]
GA_TITLES = [
    (
        "Coopération internationale en matière d’aide humanitaire",
        "International cooperation on humanitarian assistance",
    ),
    ("Rapport de la Cour pénale internationale", "Report of the International Criminal Court"),
    ("Les océans et le droit de la mer", "Oceans and the law of the sea"),
    ("Droits de l’enfant", "Rights of the child"),
    (
        "Coopération entre l’Organisation des Nations Unies et les organisations régionales",
        "Cooperation between the United Nations and regional organizations",
    ),
    (
        "L’état de droit aux niveaux national et international",
        "The rule of law at the national and international levels",
    ),
    (
        "Mesures visant à éliminer le terrorisme international",
        "Measures to eliminate international terrorism",
    ),
    ("Désarmement général et complet", "General and complete disarmament"),
    (
        "Sauvegarde du climat mondial pour les générations présentes et futures",
        "Protection of global climate for present and future generations",
    ),
    (
        "Étude d’ensemble des opérations de maintien de la paix",
        "Comprehensive review of peacekeeping operations",
    ),
    ("Développement durable", "Sustainable development"),
    ("Promotion et protection des droits de l’homme", "Promotion and protection of human rights"),
]

# What is asked: (clause in French, in English, deliverable in French, in English).
ASP_CLAUSES = [
    (
        "poursuivre sa coopération avec la Cour, notamment pour l’exécution des mandats d’arrêt",
        "continue its cooperation with the Court, in particular in executing arrest warrants",
        "coopération pour l’exécution des mandats d’arrêt",
        "cooperation in executing arrest warrants",
    ),
    (
        "présenter un rapport à l’Assemblée sur les travaux de ses groupes de travail",
        "report to the Assembly on the work of its working groups",
        "rapport sur les travaux des groupes de travail",
        "report on the work of the working groups",
    ),
    (
        "examiner la question des contacts non essentiels avec les personnes visées "
        "par un mandat d’arrêt",
        "consider the question of non-essential contacts with persons subject to an arrest warrant",
        "examen des contacts non essentiels",
        "review of non-essential contacts",
    ),
    (
        "conclure des accords de coopération volontaire avec la Cour pour la réinstallation "
        "des témoins",
        "conclude voluntary cooperation agreements with the Court on the relocation of witnesses",
        "accords de réinstallation des témoins",
        "witness relocation agreements",
    ),
    (
        "verser des contributions volontaires au Fonds au profit des victimes",
        "make voluntary contributions to the Trust Fund for Victims",
        "contributions au Fonds au profit des victimes",
        "contributions to the Trust Fund for Victims",
    ),
    (
        "ratifier l’Accord sur les privilèges et immunités de la Cour",
        "ratify the Agreement on the Privileges and Immunities of the Court",
        "ratification de l’Accord sur les privilèges et immunités",
        "ratification of the Agreement on Privileges and Immunities",
    ),
    (
        "soumettre le projet de budget-programme et un rapport sur les gains d’efficacité",
        "submit the proposed programme budget and a report on efficiency gains",
        "projet de budget-programme",
        "proposed programme budget",
    ),
    (
        "faciliter l’échange d’informations entre la Cour et les organisations régionales",
        "facilitate the exchange of information between the Court and regional organizations",
        "échange d’informations avec les organisations régionales",
        "information exchange with regional organizations",
    ),
    (
        "promouvoir une représentation géographique équitable et l’équilibre entre les hommes "
        "et les femmes parmi le personnel",
        "promote equitable geographical representation and gender balance among the staff",
        "rapport sur la représentation géographique et l’équilibre entre les sexes",
        "report on geographical representation and gender balance",
    ),
    (
        "renforcer la complémentarité et les capacités des juridictions nationales",
        "strengthen complementarity and the capacity of national jurisdictions",
        "renforcement de la complémentarité",
        "strengthening of complementarity",
    ),
    (
        "mettre en œuvre les procédures relatives à la non-coopération",
        "implement the procedures relating to non-cooperation",
        "procédures de non-coopération",
        "non-cooperation procedures",
    ),
    (
        "adopter une législation d’application du Statut de Rome permettant la coopération "
        "avec la Cour",
        "adopt legislation implementing the Rome Statute that enables cooperation with the Court",
        "législation d’application du Statut de Rome",
        "implementing legislation",
    ),
    (
        "identifier, geler et saisir les avoirs des suspects à la demande de la Cour",
        "identify, freeze and seize the assets of suspects at the request of the Court",
        "gel des avoirs",
        "freezing of assets",
    ),
    (
        "faire rapport au Bureau sur l’examen du système d’aide judiciaire",
        "report to the Bureau on the review of the legal aid system",
        "rapport sur l’aide judiciaire",
        "report on legal aid",
    ),
]
GA_CLAUSES = [
    (
        "renforcer la coopération internationale en matière d’aide humanitaire",
        "strengthen international cooperation on humanitarian assistance",
        "coopération en matière d’aide humanitaire",
        "cooperation on humanitarian assistance",
    ),
    (
        "présenter à l’Assemblée générale un rapport sur l’application de la présente résolution",
        "submit to the General Assembly a report on the implementation of the present resolution",
        "rapport sur l’application de la résolution",
        "report on the implementation of the resolution",
    ),
    (
        "intensifier les efforts pour atteindre les objectifs de développement durable",
        "intensify efforts to achieve the Sustainable Development Goals",
        "objectifs de développement durable",
        "Sustainable Development Goals",
    ),
    (
        "promouvoir et protéger les droits de l’homme et les libertés fondamentales",
        "promote and protect human rights and fundamental freedoms",
        "protection des droits de l’homme",
        "protection of human rights",
    ),
    (
        "prendre des mesures pour lutter contre les changements climatiques",
        "take measures to combat climate change",
        "mesures contre les changements climatiques",
        "measures against climate change",
    ),
    (
        "appuyer les opérations de maintien de la paix et la protection des civils",
        "support peacekeeping operations and the protection of civilians",
        "appui au maintien de la paix",
        "support to peacekeeping",
    ),
    (
        "coopérer pleinement avec la Cour pénale internationale et les mécanismes d’enquête",
        "cooperate fully with the International Criminal Court and investigative mechanisms",
        "coopération avec la Cour et les mécanismes d’enquête",
        "cooperation with the Court and investigative mechanisms",
    ),
    (
        "garantir l’accès à une éducation de qualité pour tous les enfants",
        "ensure access to quality education for all children",
        "accès à l’éducation",
        "access to education",
    ),
    (
        "veiller à la mise en œuvre effective de la Convention sur le droit de la mer",
        "ensure the effective implementation of the Convention on the Law of the Sea",
        "mise en œuvre de la Convention sur le droit de la mer",
        "implementation of the Law of the Sea Convention",
    ),
    (
        "échanger des informations sur les mesures prises contre le terrorisme",
        "exchange information on the measures taken against terrorism",
        "échange d’informations sur le terrorisme",
        "information exchange on terrorism",
    ),
]
TITLES = {ASP: ASP_TITLES, GA: GA_TITLES}
CLAUSES = {ASP: ASP_CLAUSES, GA: GA_CLAUSES}

# What preambular paragraphs, and operative paragraphs that ask nothing, speak of.
MATTERS = [
    (
        "l’importance de la coopération et de l’assistance des États Parties",
        "the importance of the cooperation and assistance of States Parties",
    ),
    (
        "les dispositions du Statut de Rome et la Déclaration sur la coopération",
        "the provisions of the Rome Statute and the Declaration on cooperation",
    ),
    ("le rapport de la Cour sur ses activités", "the report of the Court on its activities"),
    (
        "les travaux accomplis par le Bureau et ses groupes de travail",
        "the work accomplished by the Bureau and its working groups",
    ),
    (
        "la nécessité d’exécuter les mandats d’arrêt en suspens",
        "the need to execute outstanding arrest warrants",
    ),
    ("le rôle essentiel de la société civile", "the essential role of civil society"),
    (
        "les contributions volontaires versées au Fonds au profit des victimes",
        "the voluntary contributions made to the Trust Fund for Victims",
    ),
    (
        "les buts et principes de la Charte des Nations Unies",
        "the purposes and principles of the Charter of the United Nations",
    ),
    (
        "le rapport du Secrétaire général sur la question",
        "the report of the Secretary-General on the question",
    ),
    (
        "la coopération entre l’Organisation des Nations Unies et les organisations régionales",
        "the cooperation between the United Nations and regional organizations",
    ),
    ("les efforts déployés par les États Membres", "the efforts made by Member States"),
]
PREAMBULAR_OPENINGS = [
    ("Rappelant", "Recalling"),
    ("Réaffirmant", "Reaffirming"),
    ("Soulignant", "Stressing"),
    ("Prenant note avec satisfaction de", "Noting with appreciation"),
    ("Consciente de", "Mindful of"),
    ("Réitérant", "Reiterating"),
]
NOTING_OPENINGS = [
    ("Se félicite de", "Welcomes"),
    ("Prend note de", "Takes note of"),
    ("Souligne", "Stresses"),
    ("Réaffirme", "Reaffirms"),
    ("Salue", "Commends"),
]
ELABORATIONS = [
    ("dans la limite des ressources existantes", "within existing resources"),
    ("conformément au Statut de Rome", "in accordance with the Rome Statute"),
    (
        "en consultation avec les États Parties et les autres parties prenantes",
        "in consultation with States Parties and other stakeholders",
    ),
    (
        "en tenant compte des recommandations du Comité du budget et des finances",
        "taking into account the recommendations of the Committee on Budget and Finance",
    ),
    (
        "en particulier en ce qui concerne l’arrestation et la remise des suspects",
        "in particular as regards the arrest and surrender of suspects",
    ),
    ("de manière transparente et efficace", "in a transparent and efficient manner"),
    ("avec l’appui du Secrétariat", "with the support of the Secretariat"),
    (
        "afin de garantir l’efficacité des procédures",
        "in order to ensure the effectiveness of proceedings",
    ),
    (
        "compte tenu des enseignements tirés des tribunaux internationaux",
        "bearing in mind the lessons learnt from international tribunals",
    ),
]

# How each action opens its paragraph; {a} is the addressee, {c} the clause.
ACTION_TEMPLATES = {
    "decides": ("Décide que {a} devra {c}", "Decides that {a} shall {c}"),
    "requests": ("Prie {a} de {c}", "Requests {a} to {c}"),
    "urges": ("Exhorte {a} à {c}", "Urges {a} to {c}"),
    "mandates": ("Charge {a} de {c}", "Mandates {a} to {c}"),
    "authorizes": ("Autorise {a} à {c}", "Authorizes {a} to {c}"),
    "calls_upon": ("Engage {a} à {c}", "Calls upon {a} to {c}"),
    "recommends": ("Recommande que {a} continue de {c}", "Recommends that {a} continue to {c}"),
    "encourages": ("Encourage {a} à {c}", "Encourages {a} to {c}"),
    "invites": ("Invite {a} à {c}", "Invites {a} to {c}"),
    "other": ("Note que {a} entend {c}", "Notes that {a} intends to {c}"),
}
ACTION_WEIGHTS = {
    "requests": 30,
    "decides": 12,
    "urges": 10,
    "calls_upon": 12,
    "encourages": 13,
    "invites": 10,
    "recommends": 4,
    "authorizes": 3,
    "mandates": 3,
    "other": 3,
}
ADDRESSEE_WEIGHTS = {
    ASP: {
        "states_parties": 25,
        "bureau": 15,
        "court": 12,
        "registry": 6,
        "secretariat": 6,
        "office_of_the_prosecutor": 5,
        "committee_on_budget_and_finance": 6,
        "hague_working_group": 6,
        "new_york_working_group": 4,
        "assembly": 5,
        "president_of_assembly": 3,
        "presidency": 3,
        "trust_fund_for_victims": 3,
        "non_party_states": 3,
        "international_organizations": 3,
        "civil_society": 2,
        "independent_oversight_mechanism": 2,
        "study_group_on_governance": 2,
        "chambers": 1,
    },
    GA: {
        "member_states": 35,
        "secretary_general": 25,
        "united_nations": 8,
        "general_assembly": 5,
        "international_organizations": 6,
        "regional_organizations": 5,
        "civil_society": 4,
        "security_council": 4,
        "human_rights_council": 4,
        "states_parties": 2,
        "court": 1,
        "international_court_of_justice": 1,
    },
}
STATUS_COMMENTS = {
    "in_progress": [
        "Consultations engagées avec les États concernés.",
        "Draft report circulated to the working group.",
        "Facilitator appointed; first meeting held.",
        "Questionnaire sent to States Parties.",
    ],
    "ongoing": [
        "Standing request: reported on at every session.",
        "Demande permanente, suivie à chaque session.",
    ],
    "completed": [
        "Report presented to the Assembly.",
        "Rapport présenté à l’Assemblée.",
        "Delivered as requested.",
    ],
    "not_applicable": ["No action required from the Secretariat.", "Sans objet."],
    "superseded": ["Superseded by a later resolution.", "Remplacé par une résolution ultérieure."],
}
COMMENTS = [
    "Reminder sent to the focal points.",
    "Discussed at the Bureau meeting.",
    "Point examiné par le Groupe de travail de La Haye.",
    "Awaiting information from States Parties on the execution of arrest warrants.",
    "Contributions received from several States.",
    "Note verbale envoyée aux États Parties.",
    "Informal consultations held in New York.",
    "Progress noted in the report on cooperation.",
]


# Plan ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolutionPlan:
    body: str
    session: int
    number: int
    preambular: int
    operative: int
    subparagraphs: int
    mandates: int

    @property
    def symbol(self) -> str:
        if self.body == ASP:
            return f"{SYMBOL_PREFIX}ICC-ASP/{self.session}/Res.{self.number}"
        return f"{SYMBOL_PREFIX}A/RES/{self.session}/{self.number}"


def plan_corpus(counts: Counts, rng: random.Random) -> tuple[list[ResolutionPlan], list[int]]:
    """Every resolution's shape, and the number of history entries of every mandate.

    Decided up front so that the totals are exact while rows are made in batches."""
    asp_resolutions = max(1, round(counts.resolutions * ASP_RESOLUTION_SHARE))
    asp_mandates = max(1, round(counts.mandates * ASP_MANDATE_SHARE))
    ga_resolutions = counts.resolutions - asp_resolutions
    # ASP resolutions are omnibus texts, about 1.6 times as long.
    asp_paragraphs = round(
        counts.paragraphs * 1.6 * asp_resolutions / (1.6 * asp_resolutions + ga_resolutions)
    )
    asp_paragraphs = max(asp_paragraphs, MIN_PARAGRAPHS * asp_resolutions)
    plans = _plan_body(rng, ASP, asp_resolutions, asp_paragraphs, asp_mandates)
    plans += _plan_body(
        rng, GA, ga_resolutions, counts.paragraphs - asp_paragraphs, counts.mandates - asp_mandates
    )
    weights = [rng.lognormvariate(0, 0.5) for _ in range(counts.mandates)]
    return plans, spread(rng, counts.events, weights, minimum=MIN_EVENTS)


def _plan_body(rng, body, n_resolutions, n_paragraphs, n_mandates) -> list[ResolutionPlan]:
    sessions = list(ADOPTING_SESSIONS[body])
    # The General Assembly adopts more resolutions every decade.
    weights = [1.0 if body == ASP else 100.0 + 3 * s for s in sessions]
    per_session = spread(rng, n_resolutions, weights)
    lengths = spread(
        rng,
        n_paragraphs,
        [rng.lognormvariate(0, 0.6) for _ in range(n_resolutions)],
        minimum=MIN_PARAGRAPHS,
    )
    shapes = [_paragraph_shape(rng, n) for n in lengths]
    mandates = spread(rng, n_mandates, [operative for _pre, operative, _sub in shapes])
    numbered = [
        (s, k) for s, count in zip(sessions, per_session, strict=True) for k in range(1, count + 1)
    ]
    return [
        ResolutionPlan(body, session, number, *shape, mandates=n)
        for (session, number), shape, n in zip(numbered, shapes, mandates, strict=True)
    ]


def _paragraph_shape(rng: random.Random, n: int) -> tuple[int, int, int]:
    """(preambular, operative, sub-paragraphs) for a resolution of n paragraphs."""
    preambular = max(1, round(n * rng.uniform(0.2, 0.4)))
    subparagraphs = max(0, min(n - preambular - 2, round(n * rng.uniform(0.0, 0.25))))
    return preambular, n - preambular - subparagraphs, subparagraphs


# Rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MandateSpec:
    """A request before it is written down: what it says and when it is due."""

    action: str
    addressees: list[ActorInfo]
    clause: tuple[str, str, str, str]
    relation: str
    session: SessionInfo | None
    date: dt.date | None
    well_before: bool


class Change(NamedTuple):
    field: str
    user_id: int | None
    old: str
    new: str
    comment: str
    evidence: str = ""


class CorpusBuilder:
    """Makes the rows of one resolution after another. It keeps the next id of every
    table and what later resolutions may cite (earlier symbols and mandates)."""

    def __init__(self, world: World, rng: random.Random):
        self.world = world
        self.rng = rng
        self.next_id = dict(world.first_ids)
        self.earlier: dict[str, list[tuple[int, str]]] = {ASP: [], GA: []}  # (id, symbol)
        # (mandate id, States concerned, adopted) of the mandates addressed to groups of
        # States, for their per-State progress once every resolution is made.
        self.state_mandates: list[tuple[int, tuple[int, ...], dt.date]] = []
        self._concerned: dict[tuple[str, ...], tuple[int, ...]] = {}
        self.recallable: list[tuple[int, str]] = []  # (mandate id, "symbol §n")
        self.addressee_pool = {
            body: (
                [world.actors[key] for key in weights if key in world.actors],
                [weight for key, weight in weights.items() if key in world.actors],
            )
            for body, weights in ADDRESSEE_WEIGHTS.items()
        }

    def new_id(self, label: str) -> int:
        value = self.next_id[label]
        self.next_id[label] = value + 1
        return value

    def build(self, plans: Sequence[ResolutionPlan], events: Iterator[int]) -> Rows:
        """The rows of these resolutions; `events` yields each mandate's history length."""
        rows = Rows()
        for plan in plans:
            self._resolution(rows, plan, events)
        return rows

    # A resolution and its paragraphs ---------------------------------------------------------

    def _resolution(self, rows: Rows, plan: ResolutionPlan, events: Iterator[int]) -> None:
        rng = self.rng
        session = self.world.sessions[plan.body][plan.session]
        adopted_on = _adoption_date(rng, plan.body, session)
        known = adopted_on or _approximate_date(plan.body, plan.session)
        stamp = _at(known + dt.timedelta(days=7), 9)
        resolution_id = self.new_id("resolutions.Resolution")
        by_vote = rng.random() < 0.2
        votes = (rng.randint(100, 170), rng.randint(0, 20), rng.randint(0, 40))
        rows.add(
            "resolutions.Resolution",
            (resolution_id, plan.symbol, self.world.body_ids[plan.body], session.id, adopted_on,
             rng.randint(1, 12) if plan.body == ASP else rng.randint(30, 90),
             "vote" if by_vote else "consensus", *(votes if by_vote else (None, None, None)),
             stamp, stamp),
        )  # fmt: skip
        languages = _languages(rng, plan.body)
        title = rng.choice(TITLES[plan.body])
        titles = [_in(language, title) for language in languages]
        for language, text in zip(languages, titles, strict=True):
            rows.add(
                "resolutions.ResolutionText",
                (self.new_id("resolutions.ResolutionText"), resolution_id, language, text, "", "",
                 SYNTHETIC_DIGEST, [], stamp, None),
            )  # fmt: skip

        paragraphs = _Paragraphs(self, rows, resolution_id, languages)
        for number in range(1, plan.preambular + 1):
            self._preambular(paragraphs, plan.body, number)
        mandates = self._operative(paragraphs, plan, session)
        if rng.random() < 0.1:
            for language in languages:
                rows.add(
                    "resolutions.Footnote",
                    (self.new_id("resolutions.Footnote"), resolution_id, paragraphs.first_id,
                     language, "1", f"{_in(language, ('Documents officiels', 'Official Records'))}"
                     f" … {plan.symbol[len(SYMBOL_PREFIX):]}"),
                )  # fmt: skip

        header = [plan.symbol, *titles]
        for paragraph_id, number, position, spec in mandates:
            self._mandate(
                rows,
                plan,
                adopted=known,
                resolution_id=resolution_id,
                paragraph_id=paragraph_id,
                reference=f"{plan.symbol} §{number}",
                position=position,
                spec=spec,
                language=languages[0],
                search_text="\n".join([*header, *paragraphs.texts[paragraph_id]]),
                n_events=next(events),
            )
        self.earlier[plan.body].append((resolution_id, plan.symbol))

    def _preambular(self, paragraphs: _Paragraphs, body: str, number: int) -> None:
        rng = self.rng
        opening, matter = rng.choice(PREAMBULAR_OPENINGS), rng.choice(MATTERS)
        fr, en = f"{opening[0]} {matter[0]}", f"{opening[1]} {matter[1]}"
        cited = (
            rng.choice(self.earlier[body]) if self.earlier[body] and rng.random() < 0.1 else None
        )
        if cited:
            fr, en = f"{fr}, et sa résolution {cited[1]}", f"{en}, and its resolution {cited[1]}"
        for extra in rng.sample(ELABORATIONS, rng.randint(2, 5)):
            fr, en = f"{fr}, {extra[0]}", f"{en}, {extra[1]}"
        paragraph_id = paragraphs.add("preambular", number, (_elide(fr) + ",", en + ","))
        if cited:
            reference_id = self.new_id("resolutions.Reference")
            paragraphs.rows.add(
                "resolutions.Reference", (reference_id, paragraph_id, cited[1], cited[0], 0)
            )

    def _operative(self, paragraphs: _Paragraphs, plan: ResolutionPlan, session: SessionInfo):
        """The operative paragraphs, written from the requests they make; returns
        (paragraph id, number, position, spec) for every request."""
        rng = self.rng
        requests = [0] * plan.operative
        for _ in range(plan.mandates):
            requests[rng.randrange(plan.operative)] += 1
        parents = rng.sample(range(plan.operative), min(plan.operative, plan.subparagraphs))
        children = dict(
            zip(parents, spread(rng, plan.subparagraphs, [1.0] * len(parents)), strict=True)
        )
        made = []
        for index, count in enumerate(requests):
            specs = [self._mandate_spec(plan.body, session) for _ in range(count)]
            paragraph_id = paragraphs.add("operative", index + 1, self._operative_text(specs))
            made += [
                (paragraph_id, index + 1, position, spec) for position, spec in enumerate(specs, 1)
            ]
            for child in range(children.get(index, 0)):
                matter, extra = rng.choice(MATTERS), rng.choice(ELABORATIONS)
                paragraphs.add(
                    "operative",
                    index + 1,
                    (f"{matter[0]}, {extra[0]} ;", f"{matter[1]}, {extra[1]};"),
                    label=_label(child),
                    parent=paragraph_id,
                )
        return made

    def _operative_text(self, specs: list[MandateSpec]) -> tuple[str, str]:
        rng = self.rng
        if not specs:
            opening, (matter, other) = rng.choice(NOTING_OPENINGS), rng.sample(MATTERS, 2)
            fr = f"{opening[0]} {matter[0]} et {other[0]}"
            en = f"{opening[1]} {matter[1]} and {other[1]}"
            for extra in rng.sample(ELABORATIONS, rng.randint(2, 4)):
                fr, en = f"{fr}, {extra[0]}", f"{en}, {extra[1]}"
            return f"{_elide(fr)} ;", f"{en};"
        sentences = [_sentence(spec, rng.sample(ELABORATIONS, rng.randint(2, 5))) for spec in specs]
        return (
            ", et ".join(fr for fr, _en in sentences) + " ;",
            ", and ".join(en for _fr, en in sentences) + ";",
        )

    # A mandate and its history ---------------------------------------------------------------

    def _mandate_spec(self, body: str, session: SessionInfo) -> MandateSpec:
        rng = self.rng
        actors, weights = self.addressee_pool[body]
        addressees = list(
            dict.fromkeys(rng.choices(actors, weights, k=rng.choice((1, 1, 1, 2, 3))))
        )
        action = rng.choices(list(ACTION_WEIGHTS), list(ACTION_WEIGHTS.values()))[0]
        relation, deadline_session, date, well_before = "", None, None, False
        roll = rng.random()
        if roll < 0.40:  # by a later session
            relation = rng.choice(("before", "before", "at", "by_end_of"))
            well_before = relation == "before" and rng.random() < 0.3
            later = session.number + rng.choices((1, 2, 3), (70, 20, 10))[0]
            deadline_session = self.world.sessions[body][later]
        elif roll < 0.55:  # by a date
            relation = "by_date"
            base = session.end or _approximate_date(body, session.number)
            date = _quarter_end(base + dt.timedelta(days=rng.randint(120, 730)))
        clause = rng.choice(CLAUSES[body])
        return MandateSpec(
            action, addressees, clause, relation, deadline_session, date, well_before
        )

    def _mandate(
        self,
        rows: Rows,
        plan: ResolutionPlan,
        *,
        adopted,
        resolution_id,
        paragraph_id,
        reference,
        position,
        spec,
        language,
        search_text,
        n_events,
    ) -> None:
        rng = self.rng
        mandate_id = self.new_id("tracking.Mandate")
        status = _status(rng, adopted, spec.relation)
        focal = (
            rng.choice(self.world.staff) if rng.random() < FOCAL_POINT_SHARE[plan.body] else None
        )
        deliverable = spec.clause[2] if language == "fr" else spec.clause[3]
        recalls = rng.choice(self.recallable) if self.recallable and rng.random() < 0.05 else None
        internal = rng.random() < INTERNAL_SHARE
        history = _history(rng, status, focal, self.world.staff, adopted, n_events)
        rows.add(
            "tracking.Mandate",
            (mandate_id, paragraph_id, resolution_id, position, spec.action, deliverable,
             rng.random() < URGENT_SHARE, spec.relation, spec.session.id if spec.session else None,
             spec.date, spec.well_before, self._due_date(spec), status, "accepted",
             focal[0] if focal else None, *(recalls or (None, "")), internal,
             "Budget implications under review." if internal else "",
             f"{search_text}\n{deliverable}", len(history), history[0][0], history[-1][0]),
        )  # fmt: skip
        for actor in spec.addressees:
            link_id = self.new_id("tracking.Mandate_addressees")
            rows.add("tracking.Mandate_addressees", (link_id, mandate_id, actor.id))
        groups = tuple(sorted(a.key for a in spec.addressees if a.key in self.world.group_states))
        if groups and status not in ("not_applicable", "superseded"):
            self.state_mandates.append((mandate_id, self._states_of(groups), adopted))
        for version, (at, change) in enumerate(history, 1):
            rows.add(
                "tracking.MandateEvent",
                (self.new_id("tracking.MandateEvent"), mandate_id, at, change.user_id,
                 change.field, change.old, change.new, change.comment, "", change.evidence,
                 version),
            )  # fmt: skip
        if position == 1:
            self.recallable.append((mandate_id, reference))

    def _states_of(self, groups: tuple[str, ...]) -> tuple[int, ...]:
        if groups not in self._concerned:
            ids = set().union(*(self.world.group_states[key] for key in groups))
            self._concerned[groups] = tuple(sorted(ids))
        return self._concerned[groups]

    # Per-State progress ------------------------------------------------------------------------

    def build_state_progress(self, total: int) -> Iterator[Rows]:
        """The per-State progress entries and their history, in batches: exactly `total`
        entries (or one per State concerned, if there are fewer such cells), spread over
        the mandates addressed to groups of States in proportion to the States each
        concerns, every entry for a different State."""
        mandates = self.state_mandates
        capacity = [len(states) for _id, states, _adopted in mandates]
        total = min(total, sum(capacity))
        if not total:
            return
        counts = _capped_spread(self.rng, total, capacity)
        rows, made = Rows(), 0
        for (mandate_id, states, adopted), count in zip(mandates, counts, strict=True):
            for state_id in sorted(self.rng.sample(states, count)):
                self._state_entry(rows, mandate_id, state_id, adopted)
            made += count
            if made >= BATCH_STATE_ENTRIES:
                yield rows
                rows, made = Rows(), 0
        if made:
            yield rows

    def _state_entry(self, rows: Rows, mandate_id: int, state_id: int, adopted: dt.date):
        rng = self.rng
        status = rng.choices(list(STATE_STATUS_WEIGHTS), list(STATE_STATUS_WEIGHTS.values()))[0]
        steps = rng.choice(STATUS_PATHS[status]) or [status]
        start = _at(adopted + dt.timedelta(days=1), 10)
        span = max(86400, int((_at(CORPUS_DATE, 17) - start).total_seconds()))
        times = sorted(start + dt.timedelta(seconds=rng.randrange(span)) for _ in steps)
        user_id = rng.choice(self.world.staff)[0]
        previous, comment, evidence = "", "", ""
        for version, (at, step) in enumerate(zip(times, steps, strict=True), 1):
            comment = rng.choice(STATE_COMMENTS)
            evidence = (
                f"https://evidence.example.org/{state_id}/{mandate_id}"
                if (step == "completed" and rng.random() < 0.5)
                else ""
            )
            rows.add(
                "tracking.StateProgressEvent",
                (self.new_id("tracking.StateProgressEvent"), mandate_id, state_id, at, user_id,
                 previous, step, comment, evidence, None, version),
            )  # fmt: skip
            previous = step
        rows.add(
            "tracking.StateProgress",
            (self.new_id("tracking.StateProgress"), mandate_id, state_id, status, comment,
             evidence, user_id, False, times[-1], len(steps)),
        )  # fmt: skip

    def _due_date(self, spec: MandateSpec) -> dt.date | None:
        """As Mandate.computed_due_date."""
        if spec.relation == "by_date":
            return spec.date
        if not spec.relation:
            return None
        return resolve_due_date(
            relation=Relation(spec.relation),
            session_start=spec.session.start,
            session_end=spec.session.end,
            well_before=spec.well_before,
            well_before_lead_days=self.world.well_before_lead_days,
        )


@dataclass
class Rows:
    """The rows made for a batch of resolutions, by table label."""

    tables: dict[str, list[tuple]] = field(default_factory=lambda: {label: [] for label in TABLES})

    def add(self, label: str, row: tuple) -> None:
        self.tables[label].append(row)


class _Paragraphs:
    """The paragraphs of one resolution, numbered in reading order, with their texts."""

    def __init__(self, builder: CorpusBuilder, rows: Rows, resolution_id: int, languages):
        self.builder, self.rows = builder, rows
        self.resolution_id, self.languages = resolution_id, languages
        self.order = 0
        self.first_id: int | None = None
        self.texts: dict[int, list[str]] = {}

    def add(self, kind: str, number: int, text: tuple[str, str], label="", parent=None) -> int:
        self.order += 1
        paragraph_id = self.builder.new_id("resolutions.Paragraph")
        self.first_id = self.first_id or paragraph_id
        self.rows.add(
            "resolutions.Paragraph",
            (paragraph_id, self.resolution_id, parent, kind, number, label, self.order),
        )
        self.texts[paragraph_id] = [_in(language, text) for language in self.languages]
        for language, content in zip(self.languages, self.texts[paragraph_id], strict=True):
            text_id = self.builder.new_id("resolutions.ParagraphText")
            self.rows.add("resolutions.ParagraphText", (text_id, paragraph_id, language, content))
        return paragraph_id


# Small pure helpers -------------------------------------------------------------------------


def _in(language: str, pair: tuple[str, ...]) -> str:
    return pair[0] if language == "fr" else pair[1]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def _approximate_date(body: str, session: int) -> dt.date:
    """Where a session without dates sits in time, for the history of its resolutions."""
    return dt.date(2001 + session, 12, 1) if body == ASP else dt.date(1945 + session, 12, 1)


def _adoption_date(rng: random.Random, body: str, session: SessionInfo) -> dt.date | None:
    if session.start is None or session.end is None:
        return None  # a session whose dates are not set (ASP 24)
    if body == ASP:
        return session.end  # omnibus resolutions are adopted on the last day
    last = min(session.end, CORPUS_DATE)
    return session.start + dt.timedelta(days=rng.randint(0, max(0, (last - session.start).days)))


def _languages(rng: random.Random, body: str) -> list[str]:
    """The ASP works in French and English; most General Assembly resolutions are held
    in English only."""
    if body == ASP:
        return rng.choices([["fr", "en"], ["fr"], ["en"]], (60, 25, 15))[0]
    return rng.choices([["en"], ["en", "fr"]], (60, 40))[0]


def _label(index: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[index % 26] * (1 + index // 26)


def _quarter_end(day: dt.date) -> dt.date:
    month = 3 * ((day.month - 1) // 3) + 3
    following = dt.date(day.year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _deadline_words(spec: MandateSpec) -> tuple[str, str]:
    if spec.relation == "by_date":
        return f"au plus tard le {spec.date:%d/%m/%Y}", f"by {spec.date:%d %B %Y}"
    if not spec.relation:
        return "", ""
    n, nth = spec.session.number, _ordinal_en(spec.session.number)
    if spec.relation == "before":
        fr, en = ("bien avant", "well before") if spec.well_before else ("avant", "before")
        return f"{fr} sa {n}e session", f"{en} its {nth} session"
    if spec.relation == "at":
        return f"à sa {n}e session", f"at its {nth} session"
    return f"d’ici à la fin de sa {n}e session", f"by the end of its {nth} session"


def _sentence(spec: MandateSpec, elaborations) -> tuple[str, str]:
    """One request in words: "Prie le Bureau de présenter …, bien avant sa 12e session"."""
    names_fr = " et ".join(_with_article(actor.name_fr) for actor in spec.addressees)
    names_en = " and ".join(f"the {actor.name_en}" for actor in spec.addressees)
    template_fr, template_en = ACTION_TEMPLATES[spec.action]
    fr = _elide(template_fr.format(a=names_fr, c=spec.clause[0]))
    en = template_en.format(a=names_en, c=spec.clause[1])
    for part_fr, part_en in [*elaborations, _deadline_words(spec)]:
        if part_fr:
            fr, en = f"{fr}, {part_fr}", f"{en}, {part_en}"
    return fr, en


def _with_article(name: str) -> str:
    if name[0] in "AEÉIOU":
        return f"l’{name}"
    return f"les {name}" if name.split()[0].endswith("s") else f"le {name}"


def _elide(text: str) -> str:
    """French elisions and contractions: "de les efforts" → "des efforts"."""
    text = text.replace(" de les ", " des ").replace(" de le ", " du ")
    for vowel in "aeéiouAEÉIOU":
        text = text.replace(f" de {vowel}", f" d’{vowel}").replace(f" que {vowel}", f" qu’{vowel}")
    return text


def _status(rng: random.Random, adopted: dt.date, relation: str) -> str:
    """Old requests are mostly closed, recent ones mostly open; requests without a
    deadline are often standing ones."""
    age = (CORPUS_DATE - adopted).days / 365
    if rng.random() < min(0.85, 0.1 + 0.12 * age):
        return rng.choices(("completed", "superseded", "not_applicable"), (75, 15, 10))[0]
    if not relation and rng.random() < 0.4:
        return "ongoing"
    return rng.choices(("not_started", "in_progress", "ongoing"), (35, 50, 15))[0]


# The status changes that lead to each status, along the allowed transitions.
STATUS_PATHS = {
    "not_started": [[]],
    "in_progress": [["in_progress"]],
    "ongoing": [["ongoing"], ["in_progress", "ongoing"]],
    "completed": [["in_progress", "completed"], ["completed"]],
    "not_applicable": [["not_applicable"]],
    "superseded": [["superseded"], ["in_progress", "superseded"]],
}


def _history(rng, status, focal, staff, adopted: dt.date, n_events: int) -> list:
    """n_events (time, Change) pairs in time order: suggested, accepted, the focal point,
    then the status changes that lead to `status` with comments in between."""
    start = _at(adopted + dt.timedelta(days=1), 10)
    end = _at(min(CORPUS_DATE, adopted + dt.timedelta(days=3000)), 17)
    span = max(2 * 86400, int((end - start).total_seconds()))
    times = [
        start,
        *sorted(start + dt.timedelta(seconds=rng.randrange(span)) for _ in range(n_events - 1)),
    ]

    def user() -> int:
        return (focal or rng.choice(staff))[0]

    changes = [
        Change("created", None, "", "suggested", "Suggested from the text of the paragraph."),
        Change("review", user(), "suggested", "accepted", ""),
    ]
    steps = rng.choice(STATUS_PATHS[status])
    room = n_events - len(changes) - len(steps)
    if focal and room > 0:
        changes.append(Change("focal_point", user(), "", focal[1], ""))
        room -= 1
    middle = [Change("comment", user(), "", "", rng.choice(COMMENTS)) for _ in range(room)]
    # Status changes go at random places among the comments, in their order.
    places = sorted(rng.sample(range(len(middle) + len(steps)), len(steps)))
    previous = "not_started"
    for place, step in zip(places, steps, strict=True):
        evidence = (
            f"ICC-ASP/{rng.randint(12, 24)}/{rng.randint(1, 40)}" if step == "completed" else ""
        )
        comment = rng.choice(STATUS_COMMENTS[step])
        middle.insert(place, Change("status", user(), previous, step, comment, evidence))
        previous = step
    return list(zip(times, changes + middle, strict=True))
