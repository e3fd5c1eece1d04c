"""The administration, as its readers see it."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "name"), [("en", "Suivi administration"), ("fr", "Administration de Suivi")]
)
def test_the_administration_is_named_after_suivi(admin_client_signed_in, language, name):
    html = admin_client_signed_in.get("/admin/", headers={"accept-language": language})
    html = html.content.decode()
    assert f'<a href="/admin/">{name}</a>' in html
    assert "Django" not in html.split("<body")[0]  # the title


def test_the_administration_names_suivis_icon(admin_client_signed_in):
    # Without it, browsers ask for a /favicon.ico that is not there.
    for path in ("/admin/", "/admin/tracking/mandate/", "/admin/tracking/mandate/add/"):
        html = admin_client_signed_in.get(path).content.decode()
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html, path
