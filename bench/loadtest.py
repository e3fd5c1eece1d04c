"""
`make loadtest`: how many requests per second Suivi serves under 50 concurrent signed-in
clients, on gunicorn as production runs it (docs/performance.md, "Under load").

1. A PostgreSQL database of its own, `suivi_loadtest` on 127.0.0.1:5432 (user postgres),
   holds the 1/100 synthetic corpus (1,500 mandates; made by bench/generate.py once, then
   reused like `make bench` does). Static files are collected under var/loadtest/.
2. gunicorn starts as docker-compose.yml starts it: `config.wsgi`, 3 sync workers, the
   access log on, DEBUG off, the cache and the broker on Redis (CACHE_URL, by default
   redis://127.0.0.1:6379/1; the database of Redis is emptied first).
3. 50 clients sign in through the login form, as 50 sessions of one delegation account.
   Each page is requested once, which computes the dashboard into the cache.
4. wrk (Debian's package, which the Makefile installs) sends the requests: a C event loop
   on one core of its own at most, a few percent of it at these rates, so the server, not
   the load generator, is what is measured. A Lua script gives each request the cookie of
   one of the sessions in turn and prints its figures as JSON.
   a. Capacity: each page alone, 50 connections for --seconds (15): the login page
      (anonymous, the framework's floor), the dashboard (from the cache), the mandate list,
      a mandate page, a CSV export. Their requests per second are compared to the login
      page's: the targets are ratios, which the machine's other load affects less than
      absolute figures.
   b. Mixed: the four signed-in pages at once for --mixed-seconds (60), 50 connections
      shared between them (13, 13, 12, 12): p50 and p95 of each while the others run, and
      the errors (non-2xx answers, connections refused, cut or timed out).
5. The figures, the targets met or missed, and the load average before and after.

    .venv/bin/python bench/loadtest.py [--seconds 15] [--mixed-seconds 60] [--clients 50]
                                       [--json var/loadtest.json]
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import SERVER, ensure_database  # noqa: E402

DATABASE = "suivi_loadtest"
SCALE = 0.01
CACHE_URL = os.getenv("CACHE_URL") or "redis://127.0.0.1:6379/1"
USERNAME = "loadtest-delegation"
PASSWORD = "loadtest-delegation-password"
WORKERS = 3
VAR = ROOT / "var" / "loadtest"

# Targets (issue 11): requests per second as a share of the login page's.
TARGETS = {"dashboard": 0.50, "list": 0.35, "mandate": 0.35}

LUA = r"""
-- Each request: the next path and the next session, in turn; figures as JSON at the end.
local paths, cookies, n = {}, {}, 0
function init(args)
  for p in string.gmatch(args[1], "[^|]+") do paths[#paths + 1] = p end
  if args[2] then for c in string.gmatch(args[2], "[^|]+") do cookies[#cookies + 1] = c end end
end
function request()
  n = n + 1
  local headers = {}
  if #cookies > 0 then headers["Cookie"] = cookies[(n % #cookies) + 1] end
  return wrk.format("GET", paths[(n % #paths) + 1], headers)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nRESULT {"requests": %d, "seconds": %.3f, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_ms": %.1f, "p95_ms": %.1f, ' ..
    '"p99_ms": %.1f, "max_ms": %.1f}\n',
    summary.requests, summary.duration / 1e6, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "DEBUG": "False",
        "SECRET_KEY": "suivi-loadtest-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no proxy in front to terminate TLS.
        "SECURE_COOKIES": "False",
        "SUIVI_HTTPS_REDIRECT": "False",
        "CACHE_URL": CACHE_URL,
        "CELERY_BROKER_URL": CACHE_URL,
        "STATIC_ROOT": str(VAR / "staticfiles"),
        "SUIVI_VAR_DIR": str(VAR),
        "LOG_LEVEL": "WARNING",
    }


def prepare() -> dict:
    """The database, static files, the account and the pages' addresses."""
    ensure_database(DATABASE, SCALE, 1, regenerate=False)
    env = server_environment()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    script = f"""
from django.contrib.auth.models import Group, User
from tracking import roles
from tracking.models import Mandate
roles.roles_sync()
user, _ = User.objects.get_or_create(username={USERNAME!r})
user.set_password({PASSWORD!r})
user.save()
user.groups.set([Group.objects.get(name=roles.DELEGATION)])
mandate = Mandate.objects.visible_to(user).live().order_by("pk").first()
print("MANDATE", mandate.pk)
"""
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    mandate = int(re.search(r"MANDATE (\d+)", out).group(1))
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()
    return {
        "login": "/accounts/login/",
        "dashboard": "/dashboard/",
        "list": "/mandates/",
        "mandate": f"/mandates/{mandate}/",
        "export": "/mandates/export.csv?body=ICC-ASP",
    }


def start_server(port: int) -> subprocess.Popen:
    VAR.mkdir(parents=True, exist_ok=True)
    log = open(VAR / "gunicorn.log", "w")  # noqa: SIM115 - the server's for its whole life
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--access-logfile",
        str(VAR / "access.log"),
    ]
    server = subprocess.Popen(
        command, cwd=ROOT, env=server_environment(), stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=10)
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start; see " + str(VAR / "gunicorn.log"))


def sign_in(base: str) -> str:
    """One session through the login form, as a browser does; its Cookie header."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = browser.open(base + "/accounts/login/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token}
    landing = browser.open(base + "/accounts/login/", urllib.parse.urlencode(data).encode(), 60)
    if "/accounts/login/" in landing.url:
        sys.exit("Signing in failed")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def wrk(
    base: str, paths: list[str], cookies: list[str], connections: int, seconds: int, script
) -> subprocess.Popen:
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "30s",
        "--script",
        script,
        base,
        "--",
        "|".join(paths),
        "|".join(cookies),
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def result_of(process: subprocess.Popen) -> dict:
    output, _ = process.communicate()
    match = re.search(r"^RESULT (\{.*\})$", output, re.MULTILINE)
    if not match:
        sys.exit("wrk failed:\n" + output)
    figures = json.loads(match.group(1))
    figures["errors"] = sum(
        figures.pop(kind) for kind in ("connect", "read", "write", "status", "timeout")
    )
    figures["rps"] = round(figures["requests"] / figures["seconds"], 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=15, help="each page alone")
    parser.add_argument("--mixed-seconds", type=int, default=60, help="the pages together")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--json", type=Path, help="also write the figures there")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make loadtest` installs it (apt-get install wrk)")

    paths = prepare()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port)
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            cookies = list(pool.map(lambda _: sign_in(base), range(args.clients)))
        opener = urllib.request.build_opener()
        opener.addheaders = [("Cookie", cookies[0])]
        for path in paths.values():  # warm-up: the dashboard is computed and cached
            opener.open(base + path, timeout=60).read()
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(LUA)
            script.flush()
            report = run(args, base, paths, cookies, script.name)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print_report(report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))
    if not report["met"]:
        sys.exit(1)


def run(args, base: str, paths: dict, cookies: list[str], script: str) -> dict:
    load_before = os.getloadavg()
    capacity = {}
    for name, path in paths.items():
        print(f"{name}: {args.clients} clients for {args.seconds} s…", flush=True)
        session = [] if name == "login" else cookies
        capacity[name] = result_of(wrk(base, [path], session, args.clients, args.seconds, script))
    signed_in = [name for name in paths if name != "login"]
    shares = [args.clients // len(signed_in)] * len(signed_in)
    for index in range(args.clients % len(signed_in)):
        shares[index] += 1
    print(f"mixed: {args.clients} clients for {args.mixed_seconds} s…", flush=True)
    processes = {
        name: wrk(base, [paths[name]], cookies, share, args.mixed_seconds, script)
        for name, share in zip(signed_in, shares, strict=True)
    }
    mixed = {
        name: {**result_of(p), "clients": shares[i]}
        for i, (name, p) in enumerate(processes.items())
    }
    login_rps = capacity["login"]["rps"]
    ratios = {name: round(figures["rps"] / login_rps, 3) for name, figures in capacity.items()}
    errors = sum(f["errors"] for f in capacity.values()) + sum(f["errors"] for f in mixed.values())
    checks = {
        f"{name} ≥ {share:.0%} of login": ratios[name] >= share for name, share in TARGETS.items()
    }
    checks["zero errors"] = errors == 0
    return {
        "paths": paths,
        "clients": args.clients,
        "workers": WORKERS,
        "capacity": capacity,
        "ratios": ratios,
        "mixed": mixed,
        "errors": errors,
        "checks": checks,
        "met": all(checks.values()),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "at": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def print_report(report: dict) -> None:
    print()
    print(f"Each page alone, {report['clients']} clients ({report['workers']} gunicorn workers):")
    print(f"  {'page':<10} {'req/s':>8} {'vs login':>9} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for name, figures in report["capacity"].items():
        print(
            f"  {name:<10} {figures['rps']:>8.1f} {report['ratios'][name]:>9.0%} "
            f"{figures['p50_ms']:>8.1f} {figures['p95_ms']:>8.1f} {figures['errors']:>7}"
        )
    print(f"\nThe four signed-in pages at once, {report['clients']} clients:")
    print(f"  {'page':<10} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for name, figures in report["mixed"].items():
        print(
            f"  {name:<10} {figures['clients']:>7} {figures['rps']:>8.1f} "
            f"{figures['p50_ms']:>8.1f} {figures['p95_ms']:>8.1f} {figures['errors']:>7}"
        )
    thin = [name for name, figures in report["capacity"].items() if figures["requests"] < 100]
    if thin:
        # 50 clients queue behind 3 workers: a page slower than the run is long completes
        # few requests, or none, and its figures say more about the machine than the page.
        print(
            f"\nToo few requests to measure ({', '.join(thin)}): the machine is busy; "
            "run again with a longer --seconds."
        )
    print(f"\nLoad average before {report['load_before']}, after {report['load_after']}")
    print("Targets:")
    for check, met in report["checks"].items():
        print(f"  {'met   ' if met else 'MISSED'} {check}")


if __name__ == "__main__":
    main()
