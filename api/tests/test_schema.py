"""The OpenAPI schema is valid OpenAPI 3, and the documentation page works under the
site's Content-Security-Policy with nothing fetched from elsewhere."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3(client):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate(schema)  # raises on any error
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    filters = {
        parameter["name"] for parameter in schema["paths"]["/api/v1/mandates/"]["get"]["parameters"]
    }
    assert {"q", "status", "addressee", "overdue", "sort", "cursor"} <= filters


def test_the_documentation_page_uses_only_this_sites_files(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html and "<script>" not in html  # nothing inline
    addresses = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert addresses and all(address.startswith("/") for address in addresses), addresses
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    # The site's policy, and data: images (Swagger UI's icons) on this page alone.
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "img-src 'self' data:" in policy
    assert "data:" not in client.get(reverse("api:schema"))["Content-Security-Policy"]
    script = client.get(reverse("api:docs"), {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


def test_unknown_api_addresses_get_a_json_404(client):
    response = client.get("/api/v1/nothing/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.browser
def test_the_documentation_page_works_in_a_browser_under_the_csp(page, world):
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.on("requestfailed", lambda request: refused.append(request.url))
    page.goto("/api/docs/")
    page.get_by_text("Suivi API").first.wait_for()
    page.locator("#operations-mandates-mandates_list").wait_for()
    assert [text for text in refused if "Content Security Policy" in text or "http" in text] == []
