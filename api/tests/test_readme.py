"""The README's Python example, taken from the README as it is, run against a live server."""

import csv
import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

from django.utils import timezone

from api.services import token_create
from tracking.models import Actor
from tracking.services import mandate_create, mandate_update

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_example(name: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"<!-- example: {re.escape(name)} -->\n```python\n(.*?)```", text, re.S)
    assert match, f"README.md has no example {name}"
    return match.group(1)


def test_the_readme_example_writes_the_bureaus_overdue_mandates_to_csv(
    live_server, world, delegation_user, secretariat_user, tmp_path, settings
):
    settings.SUIVI_PAGE_SIZE = 1  # so that the example follows `next`
    bureau = Actor.objects.get(key="bureau")
    later = mandate_create(
        paragraph=world.to_states.paragraph,
        user=secretariat_user,
        addressees=[bureau],
        action="requests",
        deadline_relation="by_date",
        deadline_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    # Internal, or not overdue: left out.
    mandate_update(mandate=world.internal, user=secretariat_user, addressees=[bureau])
    mandate_create(
        paragraph=world.to_states.paragraph,
        user=secretariat_user,
        addressees=[bureau],
        action="requests",
    )
    _token, secret = token_create(user=delegation_user, name="README")
    script = tmp_path / "overdue-bureau.py"
    script.write_text(readme_example("overdue-bureau.py"), encoding="utf-8")
    environment = {**os.environ, "SUIVI_URL": live_server.url, "SUIVI_TOKEN": secret}
    subprocess.run(
        [sys.executable, script.name], cwd=tmp_path, env=environment, check=True, timeout=60
    )
    # With a byte-order mark, for Excel (config/csvfiles.py).
    assert (tmp_path / "overdue-bureau.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with open(tmp_path / "overdue-bureau.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:2] == ["resolution", "paragraph"]
    assert [(row[1], row[5]) for row in rows[1:]] == [
        (mandate.paragraph.reference, f"{live_server.url}/mandates/{mandate.pk}/")
        for mandate in (world.public, later)  # soonest due first
    ]


def test_the_readme_example_is_about_twenty_lines():
    assert 15 <= len(readme_example("overdue-bureau.py").splitlines()) <= 25
