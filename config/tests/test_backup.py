"""Backups (deploy/backup.sh) restore (deploy/restore.sh) into an empty database with the
same rows, and the application works on the restored database. PostgreSQL only: CI's
second run has it."""

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request

import psycopg
import pytest
from django.db import connection

from config.tests.conftest import ROOT
from resolutions.models import Paragraph, Resolution
from tracking.models import Mandate, MandateEvent
from tracking.services import mandate_accept, mandate_set_status

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backups are PostgreSQL archives: run with DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
]

BACKUP = str(ROOT / "deploy" / "backup.sh")
RESTORE = str(ROOT / "deploy" / "restore.sh")


def url_of(name: str) -> str:
    """The test database's server, with another database name."""
    settings = connection.settings_dict
    user = urllib.parse.quote(settings["USER"] or "")
    password = ":" + urllib.parse.quote(settings["PASSWORD"]) if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{settings['PORT'] or 5432}/{name}"


def run(script: str, *args: str, database: str, **env: str) -> subprocess.CompletedProcess:
    assert shutil.which("pg_dump") and shutil.which("pg_restore") and shutil.which("psql"), (
        "the backup scripts need PostgreSQL's client programs (apt-get install postgresql-client)"
    )
    return subprocess.run(
        ["sh", script, *args],
        env={**os.environ, "DATABASE_URL": url_of(database), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def empty_database():
    name = connection.settings_dict["NAME"] + "_restored"
    with psycopg.connect(url_of("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(url_of("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def tables_and_rows(name: str) -> dict[str, list[tuple]]:
    """Every table of the public schema with all its rows, in a stable order."""
    with psycopg.connect(url_of(name)) as database:
        tables = [
            row[0]
            for row in database.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            table: sorted(database.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }


@pytest.fixture
def data(imported_seed, secretariat_user, delegation_user):
    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    mandate = Mandate.objects.get(paragraph__number=9)
    mandate_set_status(
        mandate=mandate, status="in_progress", user=secretariat_user, comment="Lettres envoyées"
    )
    return mandate


def test_a_backup_restores_into_an_empty_database_with_the_same_rows(
    data, empty_database, tmp_path, serve
):
    backup = run(BACKUP, str(tmp_path), database=connection.settings_dict["NAME"])
    assert backup.returncode == 0, backup.stderr
    archive = backup.stdout.strip()
    assert archive.startswith(str(tmp_path)) and archive.endswith(".dump")

    restore = run(RESTORE, archive, database=empty_database)
    assert restore.returncode == 0, restore.stderr

    original = tables_and_rows(connection.settings_dict["NAME"])
    restored = tables_and_rows(empty_database)
    assert restored.keys() == original.keys()
    for table in original:
        assert restored[table] == original[table], table
    # The main tables were not empty: the comparison compared something.
    counts = {t: len(rows) for t, rows in original.items()}
    assert counts[Resolution._meta.db_table] == 1
    assert counts[Paragraph._meta.db_table] == Paragraph.objects.count() > 20
    assert counts[Mandate._meta.db_table] == Mandate.objects.count() == 16
    assert counts[MandateEvent._meta.db_table] == MandateEvent.objects.count() > 16
    assert counts["auth_user"] == 2

    # The application, started on the restored database, signs a delegation in and shows
    # the mandates.
    migrations = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url_of(empty_database)},
        capture_output=True,
        text=True,
    )
    assert migrations.returncode == 0, migrations.stdout + migrations.stderr
    site = serve(DATABASE_URL=url_of(empty_database))
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    login = browser.open(site + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    form = {"username": "dmitri", "password": "a-long-test-password", "csrfmiddlewaretoken": token}
    dashboard = browser.open(site + "/accounts/login/", urllib.parse.urlencode(form).encode())
    assert dashboard.url.endswith("/dashboard/")
    page = browser.open(f"{site}/mandates/{data.pk}/").read().decode()
    assert "Lettres envoyées" in page
    listing = browser.open(site + "/mandates/").read().decode()
    assert listing.count('href="/mandates/') >= 16


def test_a_restore_refuses_a_database_that_is_not_empty(data, tmp_path):
    backup = run(BACKUP, str(tmp_path), database=connection.settings_dict["NAME"])
    assert backup.returncode == 0, backup.stderr
    before = Mandate.objects.count()
    restore = run(RESTORE, backup.stdout.strip(), database=connection.settings_dict["NAME"])
    assert restore.returncode == 1
    assert "restore into an empty one" in restore.stderr
    assert Mandate.objects.count() == before


def test_backups_keep_the_newest_ones(db, tmp_path):
    taken = []
    for _ in range(3):
        backup = run(
            BACKUP, str(tmp_path), database=connection.settings_dict["NAME"], BACKUP_KEEP="2"
        )
        assert backup.returncode == 0, backup.stderr
        taken.append(os.path.basename(backup.stdout.strip()))
    assert sorted(os.listdir(tmp_path)) == sorted(taken[1:])


def test_a_backup_that_fails_leaves_no_archive(db, tmp_path):
    backup = run(BACKUP, str(tmp_path), database="no_such_database_here")
    assert backup.returncode != 0
    assert os.listdir(tmp_path) == []
