"""The production settings, read from the environment in processes of their own (the test
process runs the laptop settings, config/test_settings.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# What a production server sets (README, "Configuration"); a key as long and varied as
# `check --deploy` asks.
PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "k7#Qm2!vR9x@Lp4$Zt8^Wn3&Hy6*Bc1(Fd5)Gs0-Je2+Ua7=Xo4;Vi9:Tl3",
    "ALLOWED_HOSTS": "suivi.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://suivi.example.org",
    "SITE_ROOT": "https://suivi.example.org",
}


def environment(**extra) -> dict:
    """The machine's environment without what the test run set (DEBUG, and the browser
    tests' DJANGO_ALLOW_ASYNC_UNSAFE), plus what the test gives."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DEBUG", "SECRET_KEY", "SUIVI_", "DJANGO_"))
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(extra)
    return env


def settings_of(names: list[str], **env) -> dict:
    """The values of some settings as a process with this environment reads them."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_debug_is_off_unless_the_environment_turns_it_on():
    assert settings_of(["DEBUG"], SECRET_KEY="x" * 60)["DEBUG"] is False
    assert settings_of(["DEBUG"], DEBUG="True")["DEBUG"] is True


def test_a_server_without_debug_refuses_to_start_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is False" in result.stderr


def test_check_deploy_prints_no_warning_with_the_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment(**PRODUCTION),
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNING" not in output


def test_production_redirects_to_https_with_hsts_by_default_and_both_can_be_set():
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    ]
    assert settings_of(names, **PRODUCTION) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 365 * 24 * 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }
    configured = settings_of(
        names, **PRODUCTION, SUIVI_HTTPS_REDIRECT="False", SUIVI_HSTS_SECONDS="600"
    )
    assert configured["SECURE_SSL_REDIRECT"] is False
    assert configured["SECURE_HSTS_SECONDS"] == 600
    laptop = settings_of(names, DEBUG="True")
    assert laptop["SECURE_SSL_REDIRECT"] is False
    assert laptop["SECURE_HSTS_SECONDS"] == 0


def test_the_proxy_header_is_trusted_only_when_configured():
    names = ["SECURE_PROXY_SSL_HEADER"]
    assert settings_of(names, **PRODUCTION)["SECURE_PROXY_SSL_HEADER"] is None
    configured = settings_of(names, **PRODUCTION, SUIVI_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert configured["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


@pytest.mark.django_db
def test_a_forged_proxy_header_does_not_pass_for_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None
    response = client.get("/accounts/login/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/accounts/login/", headers={"x-forwarded-proto": "https"}).status_code == 200
    # The container's health check speaks plain HTTP.
    assert client.get("/healthz/").status_code != 301
