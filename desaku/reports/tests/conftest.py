import pytest


@pytest.fixture(autouse=True)
def _fresh_dashboard_cache():
    # The dashboard keeps computed panels in the cache; every test starts with none.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
