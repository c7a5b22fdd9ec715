"""Every named URL of the product is in some app's access matrix (Zulip's habit)."""

import importlib

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

IGNORED_NAMESPACES = {"admin"}


def _names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in IGNORED_NAMESPACES:
                continue
            yield from _names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def _matrices():
    covered, public = set(), set()
    for app in settings.INSTALLED_APPS:
        if not app.startswith("desaku."):
            continue
        try:
            module = importlib.import_module(f"{app}.tests.test_access")
        except ModuleNotFoundError:
            continue
        for case in module.MATRIX:
            covered.update(case.url_names)
        public.update(getattr(module, "PUBLIC_URL_NAMES", set()))
    return covered, public


def test_every_named_url_is_in_an_access_matrix():
    covered, public = _matrices()
    names = set(_names(get_resolver().url_patterns))
    # DRF's format-suffix twins share the name of their base route.
    missing = sorted(n for n in names if n not in covered and n not in public)
    assert not missing, f"URLs without an access test: {missing}"
