"""Mandates are suggested on import in every process, not only in the web server's."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_a_process_that_only_sets_django_up_suggests_mandates_on_import():
    # `manage.py import_resolution` and the Celery worker load no views: the receiver
    # must be connected by the app itself.
    code = (
        "import django; django.setup(); "
        "from resolutions.services import resolution_text_imported as signal; "
        "print([r[1]().__name__ for r in signal.receivers])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "['mandates_suggest_on_import']"
