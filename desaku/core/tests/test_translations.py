from pathlib import Path

import polib
from django.conf import settings


def test_every_indonesian_string_is_translated():
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy
