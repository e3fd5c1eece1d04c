"""Every page names Suivi's icon, so that browsers do not ask for a missing /favicon.ico."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/accounts/login/", "/no-such-page/"])
def test_pages_link_the_icon_and_the_icon_is_a_drawing(client, url):
    page = client.get(url).content.decode()
    link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert link, url
    assert link.group(1).endswith("favicon.svg")
    path = finders.find("favicon.svg")
    assert path is not None
    assert ET.parse(path).getroot().tag == "{http://www.w3.org/2000/svg}svg"
