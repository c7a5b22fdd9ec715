import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = True  # every Client would rescan the static files otherwise
