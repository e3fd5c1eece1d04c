"""The Redis cache, for which an outage is a miss, not an error.

Everything Suivi keeps in the cache can be computed again (the dashboard's figures), so a
Redis server that is down or does not answer must make pages slower, never break them.
Each operation waits at most the socket timeouts of OPTIONS (CACHE_SOCKET_TIMEOUT in the
settings); after a failure the server is left alone for RETRY_SECONDS, so that a page
which reads the cache several times pays for the outage once, not at every read.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0

# When each server (by LOCATION) may be tried again, shared by the threads of a process.
_down_until: dict[str, float] = {}


def _guarded(name: str, fallback):
    method = getattr(DjangoRedisCache, name)

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        if _down_until.get(self._location, 0.0) > time.monotonic():
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            logger.warning("Cache unavailable, computing without it: %s", error)
            _down_until[self._location] = time.monotonic() + RETRY_SECONDS
            return fallback(*args, **kwargs)

    return guarded


class ReusedClients(RedisCacheClient):
    """One redis-py client per connection pool, made once. Django makes a client for every
    operation, and redis-py builds its table of response callbacks (some 170 entries) for
    each: a quarter of a cached page's time. A client is safe to share between threads;
    its connections come from the pool as before."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients_by_pool", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
        self._location = server if isinstance(server, str) else ",".join(server)

    def ping(self) -> None:
        """Raise when the server cannot be reached (the health check), whatever the
        state of the retry delay."""
        self._cache.get_client(write=True).ping()

    add = _guarded("add", lambda *args, **kwargs: False)
    get = _guarded("get", lambda key, default=None, version=None: default)
    set = _guarded("set", lambda *args, **kwargs: None)
    touch = _guarded("touch", lambda *args, **kwargs: False)
    delete = _guarded("delete", lambda *args, **kwargs: False)
    get_many = _guarded("get_many", lambda *args, **kwargs: {})
    has_key = _guarded("has_key", lambda *args, **kwargs: False)
    set_many = _guarded("set_many", lambda data, *args, **kwargs: list(data))
    delete_many = _guarded("delete_many", lambda *args, **kwargs: None)
    # A counter that cannot be read counts nothing (the password-reset limits let the
    # request through rather than refuse every one).
    incr = _guarded("incr", lambda *args, **kwargs: 0)
    clear = _guarded("clear", lambda *args, **kwargs: False)
