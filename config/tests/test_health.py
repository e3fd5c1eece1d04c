"""/healthz/ and the 503 page, on a real gunicorn server whose database, cache or broker is
unreachable: a closed port, or a port that accepts connections and never answers.

Each server is a separate process started with the production settings (DEBUG off) and its
own environment, so that an outage is real and never touches the test database.
"""

import pytest

from config.tests.conftest import HEALTH_TIMEOUT, get

# A check that hangs is given up at the timeout; the rest is the server's own time on a
# shared machine (far from the 30 s after which gunicorn would kill the worker).
ANSWER_WITHIN = HEALTH_TIMEOUT + 5


def states(body: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in body.splitlines())


def test_healthz_answers_200_when_every_part_answers(serve):
    status, body, _ = get(serve() + "/healthz/")
    assert status == 200, body
    assert states(body) == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_healthz_answers_200_with_redis_as_cache_and_broker(serve, redis_url):
    status, body, _ = get(serve(CACHE_URL=redis_url, CELERY_BROKER_URL=redis_url) + "/healthz/")
    assert status == 200, body
    assert states(body) == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_healthz_needs_no_allowed_host_nor_session(serve):
    # The probe of a container asks by its local address, which ALLOWED_HOSTS leaves out.
    status, body, _ = get(serve(ALLOWED_HOSTS="suivi.example.org") + "/healthz/")
    assert status == 200, body


BROKEN = {
    "database": lambda port: {"DATABASE_URL": f"postgres://suivi@127.0.0.1:{port}/suivi"},
    "cache": lambda port: {"CACHE_URL": f"redis://127.0.0.1:{port}/0"},
    "broker": lambda port: {"CELERY_BROKER_URL": f"redis://127.0.0.1:{port}/0"},
}


@pytest.mark.parametrize("part", BROKEN)
@pytest.mark.parametrize("outage", ["closed_port", "silent_port"])
def test_healthz_names_the_part_that_does_not_answer_within_the_timeout(
    serve, request, part, outage
):
    port = request.getfixturevalue(outage)
    url = serve(**BROKEN[part](port))
    status, body, seconds = get(url + "/healthz/")
    assert status == 503, body
    found = states(body)
    assert found[part] != "ok"
    assert all(state == "ok" for name, state in found.items() if name != part), found
    assert seconds < ANSWER_WITHIN


# A signed-in visitor's cookie (a well-formed key): reading the session needs the database.
SESSION = "sessionid=" + "a" * 32


@pytest.mark.parametrize("outage", ["closed_port", "silent_port"])
def test_a_page_gives_the_503_page_when_the_database_is_unreachable(serve, request, outage):
    port = request.getfixturevalue(outage)
    url = serve(DATABASE_URL=f"postgres://suivi@127.0.0.1:{port}/suivi")
    status, body, seconds = get(url + "/dashboard/", Cookie=SESSION)
    assert status == 503
    assert "Temporarily unavailable" in body
    assert "Server Error" not in body
    assert seconds < ANSWER_WITHIN
    status, body, _ = get(url + "/mandates/", Cookie=SESSION, **{"Accept-Language": "fr"})
    assert status == 503
    assert "Momentanément indisponible" in body


def test_healthz_leaves_the_connect_timeout_of_the_pages_alone(client, settings):
    before = dict(settings.DATABASES["default"].get("OPTIONS", {}))
    assert client.get("/healthz/").status_code in (200, 503)
    assert settings.DATABASES["default"].get("OPTIONS", {}) == before
