"""
`make bench`: how fast Suivi's pages are at 1/100 and at full scale, on PostgreSQL.

1. Two PostgreSQL databases on 127.0.0.1:5432 (user postgres, trust authentication),
   suivi_bench_small and suivi_bench_full (SUIVI_BENCH_PREFIX changes "suivi_bench"),
   get a synthetic corpus from
   bench/generate.py at --scale 0.01 and --scale 1 (bench/synthetic.py), per-State
   progress included.
   A database already generated at the same scale, seed and generator version is
   reused: its COMMENT records them, written once generation has succeeded. A second
   `make bench` therefore only migrates and measures.
2. Both databases are measured in one process with bench/settings.py (the project's
   settings with DEBUG off), their runs alternating so that both see the same load on
   a shared machine. Django's test client, signed in as a delegation user (pages) or a
   secretariat user (exports and the round trip), requests each case once to warm up,
   once to count its queries (CaptureQueriesContext), then N times for the median;
   streamed bodies are read to the end. Exports are run once more under tracemalloc
   for their peak memory. For the dashboard, the SQL its selector issues is captured
   and replayed alone with a cursor, in turn with the page: the floor that the page
   cannot beat.
3. A table of both scales with the ratio full/small, then the targets of
   docs/performance.md, each met or missed.

    .venv/bin/python bench/run.py [--runs 5] [--scales small,full] [--regenerate]
                                  [--seed 1] [--explain] [--json var/bench.json]
                                  [--only pages|parse|import] [--count 1000]

4. The parse speed (bench/parse.py): paragraphs per second of the parser and mandate
   extraction on one core, with no database; `--only parse` measures only that.
5. The import: 1,000 resolutions (--count) into a fresh PostgreSQL database,
   suivi_bench_import; `--only import` measures only that.
   Both print their figures against their targets (docs/performance.md).

--explain prints EXPLAIN (ANALYZE, BUFFERS) of the slowest query of every case.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import parse as reading  # noqa: E402

SERVER = os.getenv("SUIVI_BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")
# Two checkouts with different generators on one server keep apart with their own prefix.
PREFIX = os.getenv("SUIVI_BENCH_PREFIX", "suivi_bench")
SCALES = {"small": (f"{PREFIX}_small", 0.01), "full": (f"{PREFIX}_full", 1.0)}
PYTHON = sys.executable

# Filters chosen on the generator's proportions (bench/synthetic.py): at full scale
# body=ICC-ASP selects exactly 10,000 mandates and adding urgent=yes about 1,000.
EXPORT_10K = {"body": "ICC-ASP"}
EXPORT_1K = {"body": "ICC-ASP", "urgent": "yes"}
PAGES = (
    "dashboard",
    "dashboard_changed",
    "dashboard_fresh",
    "list",
    "list_addressee",
    "list_search",
    "list_search_rare",
    "actor",
    "api_list",
    "api_list_addressee",
    "state",
    "mandate_group",
    "matrix",
)
# The State page measured: France is a Member State and a State Party, so every request
# to a group of States concerns it (70,579 mandates at full scale).
BENCH_STATE = "FRA"
MATRIX_COLUMNS = 6
# Cases that could not be made on this code base, with why (reported, not failed).
SKIPPED: dict[str, str] = {}


# Databases -----------------------------------------------------------------------------------


def admin_connection():
    import psycopg

    return psycopg.connect(f"{SERVER}/postgres", autocommit=True)


def fingerprint(scale: float, seed: int) -> str:
    from bench.synthetic import GENERATOR_VERSION

    return f"suivi synthetic corpus: scale={scale:g} seed={seed} generator={GENERATOR_VERSION}"


def run(command: list[str], database: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{database}"}
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)


def ensure_database(name: str, scale: float, seed: int, regenerate: bool) -> dict:
    """The database holding the corpus at this scale: reused, or made anew."""
    from psycopg import sql

    wanted = fingerprint(scale, seed)
    with admin_connection() as admin:
        row = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
        reuse = row is not None and row[0] == wanted and not regenerate
        if not reuse:
            if row is not None:
                admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    started = time.monotonic()
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], name)
    if reuse:
        print(f"{name}: reusing the corpus ({wanted}).", flush=True)
        return {"reused": True, "seconds": None}
    print(f"{name}: generating ({wanted}).", flush=True)
    run([PYTHON, "bench/generate.py", "--scale", f"{scale:g}", "--seed", str(seed)], name)
    seconds = time.monotonic() - started
    with admin_connection() as admin:
        comment = sql.SQL("COMMENT ON DATABASE {} IS {}").format(
            sql.Identifier(name), sql.Literal(wanted)
        )
        admin.execute(comment)
    return {"reused": False, "seconds": round(seconds, 1)}


# Measuring ----------------------------------------------------------------------------------------
#
# Both databases are measured in one process, their runs alternating (small, full, small,
# full…): on a machine other work also uses, each scale then sees the same load, and the
# ratio full/small measures the data, not the neighbours. Likewise the dashboard page and
# its floor alternate.


@dataclass
class Result:
    key: str
    label: str
    status: int = 0
    median_ms: float = 0.0
    runs_ms: list[float] = field(default_factory=list)
    queries: int = 0
    rows: int | None = None
    peak_kb: int | None = None
    slowest_ms: float = 0.0
    slowest_sql: str = ""


@dataclass
class Case:
    key: str
    label: str
    user: object
    send: object  # client → response
    count: object = None  # () → rows the case selects, counted apart from the timing
    memory: bool = False


@dataclass
class Scale:
    """One database: its own connection, users, cases and signed-in clients."""

    name: str
    database: str
    connection: object = None
    users: dict = field(default_factory=dict)
    cases: list = field(default_factory=list)
    clients: dict = field(default_factory=dict)
    results: dict = field(default_factory=dict)
    floor: list = field(default_factory=list)
    floor_statements: list = field(default_factory=list)

    def activate(self) -> None:
        """Make this database the one Django's `connection` means, keeping the other
        connection open (reconnecting every run would be measured too)."""
        from django.db import connections

        connections["default"] = self.connection


def open_scale(name: str, database: str) -> Scale:
    from django.db import connections
    from django.test import Client

    settings_dict = {**connections.settings["default"], "NAME": database}
    scale = Scale(name, database)
    scale.connection = type(connections["default"])(settings_dict, "default")
    scale.activate()
    scale.users = bench_users()
    scale.cases = make_cases(scale.users)
    for kind, user in scale.users.items():
        scale.clients[kind] = Client()
        scale.clients[kind].force_login(user)
    return scale


def measure(databases: dict[str, str], runs: int, explain: bool) -> dict:
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    load_before = os.getloadavg()
    scales = [open_scale(name, database) for name, database in databases.items()]
    for index in range(len(scales[0].cases)):
        measure_case(scales, index, runs)
    measure_floor(scales, runs)
    if explain:
        for scale in scales:
            scale.activate()
            for result in scale.results.values():
                print_explain(scale, result)
    return {
        "scales": {
            scale.name: {
                "database": scale.database,
                "skipped": dict(SKIPPED),
                "results": [asdict(r) for r in scale.results.values()],
                "floor": {
                    "median_ms": round(statistics.median(scale.floor), 1),
                    "runs_ms": scale.floor,
                    "queries": len(scale.floor_statements),
                },
            }
            for scale in scales
        },
        "postgresql": server_version(),
        "cores": os.cpu_count(),
        "load": [round(x, 2) for x in (*load_before, *os.getloadavg())],
        "runs": runs,
    }


def server_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]


def bench_users() -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from tracking import roles

    roles.roles_sync()
    users = {}
    for kind, group, staff in [
        ("delegation", roles.DELEGATION, False),
        ("secretariat", roles.SECRETARIAT, True),
    ]:
        user, _created = get_user_model().objects.get_or_create(
            username=f"bench-{kind}", defaults={"is_staff": staff}
        )
        user.groups.add(Group.objects.get(name=group))
        users[kind] = user
    return users


def make_cases(users) -> list[Case]:
    from django.http import QueryDict
    from django.utils.http import urlencode

    from tracking.models import Actor, Mandate
    from tracking.selectors import mandate_list, mandates_of_actor

    delegation = users["delegation"]

    def get(path, params=None):
        return lambda client: client.get(path, params or {})

    def fresh(path):
        """The page as it is after any change: its cached aggregates are gone."""
        from django.core.cache import cache

        def send(client):
            cache.clear()
            return client.get(path)

        return send

    def changed(path):
        """The page just after a change: its figures are older than the data and a worker
        has been asked for new ones, so it shows them marked as being updated."""
        from django.core.cache import cache
        from django.utils import timezone

        from tracking.dashboard.figures import dashboard_key, refresh_queue_once

        def send(client):
            today = timezone.localdate()
            for language in ("en", "fr"):
                key = dashboard_key(see_internal=False, language=language, today=today)
                snapshot = cache.get(key)
                if snapshot is not None:
                    snapshot.version, snapshot.stats.refreshing = "before the change", False
                    cache.set(key, snapshot)
            refresh_queue_once()  # what the change's receiver does
            return client.get(path)

        return send

    def listed(params):
        return lambda: mandate_list(filters=QueryDict(urlencode(params)), user=delegation)[
            1
        ].count()

    def visible():
        return Mandate.objects.visible_to(delegation).live().count()

    def of_bureau():
        return mandates_of_actor(actor=Actor.objects.get(key="bureau"), user=delegation).count()

    # "coopération" is in about a third of the mandates; "témoins" (witnesses) in a few
    # hundred ASP ones: a search that the planner may not expect to be rare.
    bureau, search, rare = {"addressee": "bureau"}, {"q": "coopération"}, {"q": "témoins"}
    return [
        Case("dashboard", "dashboard /dashboard/ (cached)", "delegation", get("/dashboard/"), visible),  # noqa: E501
        Case("dashboard_changed", "dashboard after a change (worker updates it)", "delegation", changed("/dashboard/"), visible),  # noqa: E501
        Case("dashboard_fresh", "dashboard, computed (empty cache)", "delegation", fresh("/dashboard/"), visible),  # noqa: E501
        Case("list", "mandate list /mandates/", "delegation", get("/mandates/"), listed({})),
        Case("list_addressee", "list ?addressee=bureau", "delegation", get("/mandates/", bureau), listed(bureau)),  # noqa: E501
        Case("list_search", "list ?q=coopération", "delegation", get("/mandates/", search), listed(search)),  # noqa: E501
        Case("list_search_rare", "list ?q=témoins", "delegation", get("/mandates/", rare), listed(rare)),  # noqa: E501
        Case("actor", "actor page /actors/bureau/", "delegation", get("/actors/bureau/"), of_bureau),  # noqa: E501
        Case("api_list", "API /api/v1/mandates/", "delegation", get("/api/v1/mandates/"), listed({})),  # noqa: E501
        Case("api_list_addressee", "API ?addressee=bureau", "delegation", get("/api/v1/mandates/", bureau), listed(bureau)),  # noqa: E501
        Case("csv_10k", "CSV export ?body=ICC-ASP", "secretariat", get("/mandates/export.csv", EXPORT_10K), memory=True),  # noqa: E501
        Case("csv_1k", "CSV export ?body=ICC-ASP&urgent=yes", "secretariat", get("/mandates/export.csv", EXPORT_1K), memory=True),  # noqa: E501
        Case("xlsx_1k", "XLSX export ?body=ICC-ASP&urgent=yes", "secretariat", get("/mandates/export.xlsx", EXPORT_1K), memory=True),  # noqa: E501
        Case("xlsx_10k", "XLSX export ?body=ICC-ASP", "secretariat", get("/mandates/export.xlsx", EXPORT_10K), memory=True),  # noqa: E501
        round_trip_case(users["secretariat"]),
        *state_cases(delegation, get),
    ]  # fmt: skip


def state_cases(delegation, get) -> list[Case]:
    """The per-State pages: a State asked much, the mandate page of the request to the
    States Parties with the most per-State entries (its roll-up), and the matrix of an
    ASP resolution, if the matrix exists."""
    from django.db.models import Count, F, Q
    from django.db.models.functions import Abs
    from django.urls import Resolver404, resolve

    from bench.synthetic import STATE_GROUPS
    from resolutions.models import Resolution
    from tracking.models import Mandate
    from tracking.states.models import State
    from tracking.states.selectors import state_items

    state = State.objects.get(iso3=BENCH_STATE)
    to_parties = (
        Mandate.objects.visible_to(delegation).live().filter(addressees__key="states_parties")
    )
    mandate = to_parties.annotate(entries=Count("state_progress")).order_by("-entries", "pk")[0]
    # The matrix of an ASP resolution with MATRIX_COLUMNS requests to groups of States
    # (or the nearest number): the same page at both scales, over 100 times the entries.
    to_states = (
        Mandate.objects.visible_to(delegation).live().filter(addressees__key__in=STATE_GROUPS)
    )
    resolution = (
        Resolution.objects.filter(symbol__startswith="SYN-ICC-ASP")
        .annotate(n=Count("mandates", filter=Q(mandates__in=to_states), distinct=True))
        .annotate(off=Abs(F("n") - MATRIX_COLUMNS))
        .order_by("off", "pk")[0]
    )
    cases = [
        Case("state", f"State page /states/{BENCH_STATE}/", "delegation", get(f"/states/{BENCH_STATE}/"), lambda: state_items(state=state, user=delegation).count()),  # noqa: E501
        Case("mandate_group", "mandate page, request to the States Parties", "delegation", get(mandate.get_absolute_url()), lambda: mandate.entries),  # noqa: E501
    ]  # fmt: skip
    matrix = f"/resolutions/{resolution.symbol}/states/"
    try:
        found = resolve(matrix).view_name == "states:matrix"
    except Resolver404:
        found = False
    if found:
        label = "matrix /resolutions/<symbol>/states/"
        cases.append(Case("matrix", label, "delegation", get(matrix), lambda: resolution.n))
    else:
        SKIPPED["matrix"] = f"{matrix} does not resolve to the matrix on this code base"
    return cases


def round_trip_case(secretariat) -> Case:
    """The preview step of the XLSX round trip: the ~1,000-row export, with a comment
    typed on ten rows, uploaded to the staff page."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    workbook, rows = edited_workbook(secretariat)

    def send(client):
        upload = SimpleUploadedFile("mandates.xlsx", workbook, content_type="application/zip")
        return client.post("/mandates/import-spreadsheet/", {"file": upload})

    label = "XLSX round trip: preview upload"
    return Case("xlsx_preview", label, "secretariat", send, lambda: rows, memory=True)


def edited_workbook(secretariat) -> tuple[bytes, int]:
    import io

    from django.test import Client
    from openpyxl import load_workbook

    from tracking.exports.formats import KEYS

    client = Client()
    client.force_login(secretariat)
    response = client.get("/mandates/export.xlsx", EXPORT_1K)
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    response.close()
    sheet = workbook.worksheets[0]
    comment = KEYS.index("comment") + 1  # the headers are in the reader's language
    for row in range(2, min(sheet.max_row, 11) + 1):
        sheet.cell(row=row, column=comment, value="Bench: checked with the focal point.")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), sheet.max_row - 1


def fetch(case: Case, client, keep: bool = False) -> tuple[int, bytes | None]:
    """One request, its body read to the end as a browser would; kept only if asked,
    so that the memory measured is the server's, not the reader's."""
    response = case.send(client)
    chunks = response.streaming_content if response.streaming else [response.content]
    body = b"".join(chunks) if keep else None
    if not keep:
        for _chunk in chunks:
            pass
    response.close()
    return response.status_code, body


def rows_in(case: Case, body: bytes) -> int | None:
    if case.key.startswith("csv"):
        return body.count(b"\n") - 1
    if case.key.startswith("xlsx_") and case.key != "xlsx_preview":
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
        return sum(1 for _row in sheet.iter_rows(min_row=2, values_only=True))
    return None


def measure_case(scales: list[Scale], index: int, runs: int) -> None:
    import tracemalloc

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for scale in scales:
        scale.activate()
        case = scale.cases[index]
        client = scale.clients[case.user]
        result = scale.results[case.key] = Result(case.key, case.label)
        result.status, body = fetch(case, client, keep=True)  # warm-up
        result.rows = case.count() if case.count else rows_in(case, body)
        with CaptureQueriesContext(connection) as captured:
            fetch(case, client)
        result.queries = len(captured.captured_queries)
        slowest = max(captured.captured_queries, key=lambda q: float(q["time"]), default=None)
        if slowest:
            result.slowest_ms, result.slowest_sql = float(slowest["time"]) * 1000, slowest["sql"]
        if case.memory:
            tracemalloc.start()
            fetch(case, client)
            result.peak_kb = tracemalloc.get_traced_memory()[1] // 1024
            tracemalloc.stop()
    for _ in range(runs):
        for scale in scales:
            scale.activate()
            case = scale.cases[index]
            started = time.perf_counter()
            fetch(case, scale.clients[case.user])
            scale.results[case.key].runs_ms.append(round((time.perf_counter() - started) * 1000, 1))
    for scale in scales:
        result = scale.results[scale.cases[index].key]
        result.median_ms = round(statistics.median(result.runs_ms), 1)
        print(f"  {scale.name}: {result.label}: {result.median_ms} ms, {result.queries} queries")


def measure_floor(scales: list[Scale], runs: int) -> None:
    """The SQL the dashboard's selector issues, replayed alone with a cursor. The page's
    runs are taken again here, in turn with the floor's, so that both see the same load."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tracking.dashboard.figures import dashboard_compute

    def replay(statements):
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
                cursor.fetchall()

    for scale in scales:
        scale.activate()
        # The floor is the aggregate SQL itself: the cache in front of it is left out.
        today = timezone.localdate()
        dashboard_compute(see_internal=False, today=today)
        with CaptureQueriesContext(connection) as captured:
            dashboard_compute(see_internal=False, today=today)
        scale.floor_statements = [query["sql"] for query in captured.captured_queries]
        replay(scale.floor_statements)
        scale.results["dashboard_fresh"].runs_ms = []
    page = next(case for case in scales[0].cases if case.key == "dashboard_fresh")
    for _ in range(runs):
        for scale in scales:
            scale.activate()
            started = time.perf_counter()
            replay(scale.floor_statements)
            scale.floor.append(round((time.perf_counter() - started) * 1000, 1))
            started = time.perf_counter()
            fetch(page, scale.clients["delegation"])
            scale.results["dashboard_fresh"].runs_ms.append(
                round((time.perf_counter() - started) * 1000, 1)
            )
    for scale in scales:
        dashboard_result = scale.results["dashboard_fresh"]
        dashboard_result.median_ms = round(statistics.median(dashboard_result.runs_ms), 1)


def print_explain(scale: Scale, result: Result) -> None:
    from django.db import connection

    if not result.slowest_sql or result.slowest_sql.startswith("DECLARE"):
        sql = result.slowest_sql.partition(" FOR ")[2] if result.slowest_sql else ""
    else:
        sql = result.slowest_sql
    if not sql:
        return
    print(f"\n--- {scale.name}: {result.label}: slowest query, {result.slowest_ms:.1f} ms\n{sql}")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        print("\n".join(line for (line,) in cursor.fetchall()))


# Report -------------------------------------------------------------------------------------------


def measured_skips(measured: dict) -> dict[str, str]:
    skipped = {}
    for scale in measured.values():
        skipped.update(scale.get("skipped", {}))
    return skipped


def ratio(full, small) -> str:
    return f"{full / small:.2f}×" if full and small else "–"


def number(value) -> str:
    return "–" if value is None else f"{value:,}"


def report(data: dict) -> str:
    measured = data["scales"]
    scales = [s for s in ("small", "full") if s in measured]
    both = len(scales) == 2
    load = data["load"]
    lines = [
        f"PostgreSQL {data['postgresql']}, {data['cores']} CPU cores; load average "
        f"{load[0]:.1f} before, {load[3]:.1f} after. Median of {data['runs']} runs after a "
        "warm-up, the scales' runs alternating.",
        "",
        "| measurement | " + " | ".join(f"{s} ms | {s} queries | {s} rows" for s in scales)
        + (" | full/small |" if both else " |"),
        "|---|" + "---:|" * (3 * len(scales) + both),
    ]  # fmt: skip
    by_key = {s: {r["key"]: r for r in measured[s]["results"]} for s in scales}
    for key, first in by_key[scales[0]].items():
        cells = []
        for s in scales:
            r = by_key[s][key]
            status = "" if r["status"] == 200 else f" (HTTP {r['status']})"
            cells += [f"{r['median_ms']:,.1f}{status}", str(r["queries"]), number(r["rows"])]
        if both:
            cells.append(ratio(by_key["full"][key]["median_ms"], by_key["small"][key]["median_ms"]))
        lines.append(f"| {first['label']} | " + " | ".join(cells) + " |")
        if key == "dashboard_fresh":
            lines += floor_lines(measured, by_key, scales)
    lines += ["", "Peak Python memory of one request (tracemalloc), body read and dropped:", ""]
    lines += ["| request | " + " | ".join(scales) + " |", "|---|" + "---:|" * len(scales)]
    for key, first in by_key[scales[0]].items():
        if first["peak_kb"] is not None:
            peaks = " | ".join(f"{by_key[s][key]['peak_kb']:,} KB" for s in scales)
            lines.append(f"| {first['label']} | {peaks} |")
    if both:
        lines += ["", "Targets:", *targets(by_key, measured)]
    return "\n".join(lines)


def floor_lines(measured: dict, by_key: dict, scales: list[str]) -> list[str]:
    floor_cells, page_cells = [], []
    for s in scales:
        floor = measured[s]["floor"]
        floor_cells += [f"{floor['median_ms']:,.1f}", str(floor["queries"]), ""]
        page = by_key[s]["dashboard_fresh"]["median_ms"]
        page_cells += [ratio(page, floor["median_ms"]), "", ""]
    if len(scales) == 2:
        floors = [measured[s]["floor"]["median_ms"] for s in ("full", "small")]
        floor_cells.append(ratio(*floors))
        page_cells.append("")
    return [
        "| ↳ its selector's SQL alone (floor) | " + " | ".join(floor_cells) + " |",
        "| ↳ computed page / floor | " + " | ".join(page_cells) + " |",
    ]


def targets(by_key: dict, measured: dict) -> list[str]:
    def mark(ok: bool) -> str:
        return "met   " if ok else "MISSED"

    small, full = by_key["small"], by_key["full"]
    lines = [f"  skipped: {key}: {why}" for key, why in measured_skips(measured).items()]
    for key in (page for page in PAGES if page in full):
        same = small[key]["queries"] == full[key]["queries"]
        counts = f"{small[key]['queries']} / {full[key]['queries']}"
        lines.append(
            f"  {mark(same)} same query count at both scales: {full[key]['label']} ({counts})"
        )  # noqa: E501
    # The dashboard computed with an empty cache is not a page users wait for: after a
    # change a worker computes it (dashboard_changed), and each day's first figures are
    # computed by the beat schedule. It is held to its floor below instead.
    for key in (page for page in PAGES if page != "dashboard_fresh" and page in full):
        growth = full[key]["median_ms"] / small[key]["median_ms"]
        label = full[key]["label"]
        lines.append(f"  {mark(growth <= 1.5)} ≤ 1.5× from 1/100 to full: {label} ({growth:.2f}×)")
    page_floor = full["dashboard_fresh"]["median_ms"] / measured["full"]["floor"]["median_ms"]
    lines.append(
        f"  {mark(page_floor <= 3)} computed dashboard ≤ 3× its floor at full scale "
        f"({page_floor:.2f}×)"
    )
    # Memory that grows with the rows would grow tenfold; streaming keeps it flat, give
    # or take the garbage the collector has not reclaimed yet: at most twice.
    for big, little in (("csv_10k", "csv_1k"), ("xlsx_10k", "xlsx_1k")):
        grow = full[big]["peak_kb"] / max(1, full[little]["peak_kb"])
        streamed = full[big]["status"] == 200 and grow <= 2
        lines.append(
            f"  {mark(streamed)} bounded memory: {full[big]['label']}, 10× the rows of "
            f"{full[little]['label']}, peaks at {grow:.2f}× its memory (≤ 2×)"
        )
    lines.append(
        f"  (exports: {full['csv_10k']['queries']} queries for {full['csv_10k']['rows']:,} rows, "
        f"{full['csv_1k']['queries']} for {full['csv_1k']['rows']:,}: one more per 1,000 rows, "
        "the iterator's chunk and its addressees, never one per row)"
    )
    return lines


# Main ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="small,full")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--json", default=str(ROOT / "var" / "bench.json"))
    parser.add_argument(
        "--only",
        choices=["pages", "parse", "import"],
        help="pages: the pages at both scales; parse: parse speed, no database needed; "
        "import: 1,000 resolutions imported into PostgreSQL (bench/parse.py). "
        "Without it: pages, then parse speed, then the import.",
    )
    parser.add_argument("--count", type=int, default=1000, help="resolutions to import")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: output file
    parser.add_argument("--databases", help=argparse.SUPPRESS)  # internal: name=db,…
    parser.add_argument("--measure-import", help=argparse.SUPPRESS)  # internal: output file
    args = parser.parse_args()

    if args.measure_import:
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        Path(args.measure_import).write_text(json.dumps(reading.measure_import(args.count)))
        return
    if args.only == "parse":
        print(reading.parse_report(reading.measure_parse(args.runs)))
        return
    if args.only == "import":
        print(reading.import_report(measure_import(args.count)))
        return
    if args.measure:
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        databases = dict(item.split("=") for item in args.databases.split(","))
        data = measure(databases, args.runs, args.explain)
        Path(args.measure).write_text(json.dumps(data))
        return

    generation, databases = {}, {}
    for name in args.scales.split(","):
        database, scale = SCALES[name]
        generation[name] = ensure_database(database, scale, args.seed, args.regenerate)
        databases[name] = database
    print("Measuring.", flush=True)
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        command = [PYTHON, __file__, "--measure", output.name, "--runs", str(args.runs)]
        command += ["--databases", ",".join(f"{k}={v}" for k, v in databases.items())]
        run(command + (["--explain"] if args.explain else []), next(iter(databases.values())))
        data = json.loads(Path(output.name).read_text())
    print()
    for name, info in generation.items():
        how = "reused" if info["reused"] else f"migrated and generated in {info['seconds']} s"
        print(f"{SCALES[name][0]}: {how}")
    print()
    print(report(data))
    parse = imported = None
    if args.only is None:
        parse = reading.measure_parse(args.runs)
        print()
        print(reading.parse_report(parse))
        print()
        imported = measure_import(args.count)
        print(reading.import_report(imported))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(
        json.dumps({"generation": generation, **data, "parse": parse, "import": imported}, indent=1)
    )


# Another name on a server shared by several people: SUIVI_BENCH_IMPORT_DATABASE.
IMPORT_DATABASE = os.getenv("SUIVI_BENCH_IMPORT_DATABASE", "suivi_bench_import")


def measure_import(count: int) -> dict:
    """A fresh database, migrated, then the import measured in a process of its own."""
    from psycopg import sql

    with admin_connection() as admin:
        name = sql.Identifier(IMPORT_DATABASE)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], IMPORT_DATABASE)
    print(f"{IMPORT_DATABASE}: importing {count:,} resolutions.", flush=True)
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        command = [PYTHON, __file__, "--measure-import", output.name, "--count", str(count)]
        run(command, IMPORT_DATABASE)
        return json.loads(Path(output.name).read_text())


if __name__ == "__main__":
    main()
