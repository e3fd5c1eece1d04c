import pytest

from resolutions.models import Paragraph
from tracking.models import Actor, Mandate
from tracking.services import mandate_accept, mandate_create


@pytest.fixture
def op5(imported_seed):
    return imported_seed.paragraphs.get(kind=Paragraph.Kind.OPERATIVE, number=5, parent=None)


@pytest.fixture
def bureau(db):
    return Actor.objects.get(key="bureau")


@pytest.fixture
def bureau_mandate(op5, bureau, secretariat_user):
    """Makes an accepted mandate asking the Bureau for a report, with the deadline given."""

    def make(**deadline):
        return mandate_create(
            paragraph=op5,
            user=secretariat_user,
            addressees=[bureau],
            action="requests",
            deliverable="a report to the Assembly",
            **deadline,
        )

    return make


@pytest.fixture
def mandate(bureau_mandate):
    """An accepted mandate: the Bureau must report before the 12th session."""
    return bureau_mandate(deadline_relation="before", deadline_session=12)


# States ------------------------------------------------------------------------------------

# A few States, enough to test the rules; the registry itself is tracking/states/data/.
STATES_CSV = """\
# Test fixture: a handful of States.
iso3,name_en,name_fr,un_regional_group,un_status,article_fr,article_en
FRA,France,France,western_european_other,member,la,
DEU,Germany,Allemagne,western_european_other,member,l,
KEN,Kenya,Kenya,african,member,le,
BDI,Burundi,Burundi,african,member,le,
UKR,Ukraine,Ukraine,eastern_european,member,l,
USA,United States of America,États-Unis d’Amérique,western_european_other,member,les,the
COK,Cook Islands,Îles Cook,,none,les,the
VAT,Holy See,Saint-Siège,,observer,le,the
BOL,Bolivia (Plurinational State of),Bolivie (État plurinational de),latin_american_caribbean,member,la,
"""  # noqa: E501 (a row of the file, as it is written)

ROME_STATUTE_CSV = """\
# Test fixture: entry into force and withdrawal taking effect.
iso3,entry_into_force,withdrawal_effective
FRA,2002-07-01,
DEU,2002-07-01,
KEN,2005-06-01,
BDI,2004-12-01,2017-10-27
UKR,2025-01-01,
COK,2008-10-01,
BOL,2002-07-01,
"""


@pytest.fixture
def states(db):
    """The fixture registry loaded, by ISO code."""
    from tracking.states.models import State
    from tracking.states.services import states_load

    states_load(states_csv=STATES_CSV, rome_statute_csv=ROME_STATUTE_CSV)
    return {state.iso3: state for state in State.objects.all()}


@pytest.fixture
def accepted(imported_seed, secretariat_user, states):
    """The seed's mandates from paragraph 9 on, accepted as in the demo, by (paragraph
    number, position); with the fixture registry of States."""
    for suggestion in Mandate.objects.filter(paragraph__number__gte=9, review="suggested"):
        mandate_accept(mandate=suggestion, user=secretariat_user)
    return {
        (m.paragraph.number, m.position): m
        for m in Mandate.objects.filter(review="accepted").select_related("paragraph")
    }
