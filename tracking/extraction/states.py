"""Names of single States, read from the States registry's data file, as addressees.

"Requests Kenya to …", "Invites the Government of Mali …", "Prie la Bolivie (État
plurinational de) de …": the addressee is the State itself, with the key ``state:ISO3``
(``state:KEN``), which the per-State pages map to their State.

The file is plain CSV with at least the columns ``iso3``, ``name_en`` and ``name_fr``,
names as the United Nations writes them, short forms with their parenthesis
("Bolivia (Plurinational State of)", "Pays-Bas (Royaume des)"). Each name is recognised
as written, without its parenthesis ("Bolivia") and in its formal order ("Plurinational
State of Bolivia", "Royaume des Pays-Bas"). Without the file no State is recognised.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from config.csvfiles import CSV_ENCODING
from tracking.extraction.actors import ActorAliases

STATES_CSV = Path(__file__).resolve().parents[1] / "states" / "data" / "states.csv"
STATE_KEY_PREFIX = "state:"

_PARENTHESIS_RE = re.compile(r"^(?P<short>[^()]+?)\s*\((?P<formal>[^()]+)\)\s*$")


def state_key(iso3: str) -> str:
    return f"{STATE_KEY_PREFIX}{iso3.upper()}"


def is_state_key(key: str) -> bool:
    return key.startswith(STATE_KEY_PREFIX)


def name_forms(name: str) -> list[str]:
    """The ways a UN short name is written in running text.

    "Iran (Islamic Republic of)" → itself, "Iran", "Islamic Republic of Iran";
    "Iran (République islamique d')" → itself, "Iran", "République islamique d'Iran".
    """
    name = " ".join(name.split())
    if not name:
        return []
    forms = [name]
    if match := _PARENTHESIS_RE.match(name):
        short, formal = match.group("short"), match.group("formal")
        joint = "" if formal.endswith(("'", "’")) else " "
        forms += [short, f"{formal}{joint}{short}"]
    return list(dict.fromkeys(forms))


def read_state_aliases(path: Path) -> tuple[ActorAliases, ...]:
    """One ``ActorAliases`` per row of a States file; rows without an ISO code are skipped."""
    with open(path, encoding=CSV_ENCODING, newline="") as handle:
        rows = list(csv.DictReader(handle))
    states = []
    for row in rows:
        iso3 = (row.get("iso3") or "").strip()
        if not re.fullmatch(r"[A-Za-z]{3}", iso3):
            continue
        aliases = [
            form
            for column in ("name_en", "name_fr")
            for form in name_forms((row.get(column) or "").strip())
        ]
        if aliases:
            states.append(ActorAliases(state_key(iso3), tuple(dict.fromkeys(aliases))))
    return tuple(states)


@lru_cache(maxsize=8)
def _cached(path: str) -> tuple[ActorAliases, ...]:
    try:
        return read_state_aliases(Path(path))
    except OSError:
        return ()


def state_aliases(path: Path | None = None) -> tuple[ActorAliases, ...]:
    """The States of the registry's file (``STATES_CSV`` by default); () without it.

    The file ships with the code, so it is read once per process (a file check for every
    paragraph cost a tenth of the extraction's time).
    """
    return _cached(str(STATES_CSV if path is None else path))
