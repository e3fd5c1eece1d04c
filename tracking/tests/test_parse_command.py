"""`manage.py parse_resolution`: the parse and the suggested mandates, as JSON, saving nothing.
It lives in tracking/ because it shows the mandates extracted from the text."""

import json

from django.core.management import call_command

from resolutions.models import Resolution
from resolutions.tests import documents_factory as factory
from tracking.models import Mandate


def test_the_parse_command_reads_word_files(tmp_path, capsys, db):
    path = tmp_path / "res.docx"
    path.write_bytes(factory.resolution_docx())
    call_command("parse_resolution", str(path))

    printed = json.loads(capsys.readouterr().out)
    assert printed["symbol"] == factory.SYMBOL
    assert len(printed["operative"]) == 6
    assert all("mandates" in paragraph for paragraph in printed["operative"])
    assert Resolution.objects.count() == 0
    assert Mandate.objects.count() == 0
