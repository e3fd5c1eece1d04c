"""docker-compose.yml, read as Compose reads it (Docker itself does not run here): what it
publishes, what it refuses to start without, what its health checks ask."""

import re

import pytest
import yaml

from config.tests.conftest import ROOT


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_it_publishes_the_app_on_the_loopback_interface_only(compose):
    published = [
        port for service in compose["services"].values() for port in service.get("ports", [])
    ]
    assert published == ["127.0.0.1:8000:8000"]


def test_it_refuses_to_start_without_a_database_password(compose):
    text = (ROOT / "docker-compose.yml").read_text()
    uses = re.findall(r"\$\{POSTGRES_PASSWORD[^}]*\}", text)
    assert uses and all(use.startswith("${POSTGRES_PASSWORD:?") for use in uses)
    assert compose["services"]["db"]["environment"]["POSTGRES_PASSWORD"].startswith(
        "${POSTGRES_PASSWORD:?"
    )
    assert "suivi:" not in compose["x-app"]["environment"]["DATABASE_URL"]  # no password in it


def test_the_web_health_check_asks_healthz_and_is_valid_python(compose):
    test = compose["services"]["web"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    assert "/healthz/" in test[3]
    compile(test[3], "healthcheck", "exec")
    # Services that need the database, the cache and the broker start once it passes.
    for name in ("worker", "beat"):
        assert compose["services"][name]["depends_on"]["web"]["condition"] == "service_healthy"


def test_a_service_takes_backups_with_the_project_script(compose):
    backup = compose["services"]["backup"]
    assert backup["image"] == compose["services"]["db"]["image"]  # pg_dump of the same version
    script = backup["volumes"][0].split(":")[0]
    assert (ROOT / script).is_file()
    assert "suivi-backup /backups" in backup["command"][0]
    assert backup["environment"]["BACKUP_KEEP"] == "${BACKUP_KEEP:-14}"
    assert backup["depends_on"]["db"]["condition"] == "service_healthy"


def test_it_trusts_the_headers_of_the_one_local_proxy_that_reaches_it(compose):
    environment = compose["x-app"]["environment"]
    assert environment["SUIVI_PROXY_SSL_HEADER"] == "${SUIVI_PROXY_SSL_HEADER:-X-Forwarded-Proto}"
    assert environment["SUIVI_PROXY_COUNT"] == "${SUIVI_PROXY_COUNT:-1}"
