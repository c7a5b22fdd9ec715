"""The measure definitions (docs/measures.md) as a page of the app, with one anchor per measure.

No Markdown library is installed, so this is a small renderer for the subset the document uses: headings,
paragraphs, bullet and numbered lists (with continuation lines), fenced code blocks, and inline `code`,
**bold**, *italic* and [links](…). Everything is HTML-escaped first; a link keeps only a relative, #anchor or
http(s) target. A level-3 heading is the measure's anchor (``### shelter-occupancy`` → ``id="shelter-occupancy"``,
the ``definition`` of a figure).
"""

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

SOURCE = Path(settings.BASE_DIR) / "docs" / "measures.md"
ANCHOR = re.compile(r"^[a-z0-9][a-z0-9-]*$")
INLINE = re.compile(r"`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s][^*]*?)\*|\[([^\]]+)\]\(([^)\s]+)\)")
SAFE_TARGET = re.compile(r"^(https?://|/|#|[a-zA-Z0-9_.-]+(/|$|#|\.))")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def inline(text: str) -> str:
    """Inline markup of one escaped-on-the-fly line of text."""
    out, pos = [], 0
    for match in INLINE.finditer(text):
        out.append(escape(text[pos:match.start()]))
        code, bold, italic, label, target = match.groups()
        if code is not None:
            out.append(f"<code>{escape(code)}</code>")
        elif bold is not None:
            out.append(f"<strong>{inline(bold)}</strong>")
        elif italic is not None:
            out.append(f"<em>{inline(italic)}</em>")
        elif SAFE_TARGET.match(target) and not target.lower().startswith("javascript"):
            out.append(f'<a href="{escape(target)}">{inline(label)}</a>')
        else:
            out.append(inline(label))
        pos = match.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def render(markdown: str) -> tuple[str, list[str]]:
    """(HTML, the anchors of the level-3 headings in order)."""
    html, anchors = [], []
    paragraph, items, list_tag, code = [], [], None, None

    def flush_paragraph():
        if paragraph:
            html.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    def flush_list():
        nonlocal list_tag
        if items:
            html.append(f"<{list_tag}>" + "".join(f"<li>{inline(' '.join(i))}</li>" for i in items) + f"</{list_tag}>")
            items.clear()
        list_tag = None

    for line in markdown.splitlines():
        if code is not None:
            if line.startswith("```"):
                html.append(f"<pre><code>{escape(chr(10).join(code))}</code></pre>")
                code = None
            else:
                code.append(line)
            continue
        if line.startswith("```"):
            flush_paragraph()
            flush_list()
            code = []
            continue
        heading = re.match(r"^(#{1,4}) (.+)$", line)
        bullet = re.match(r"^- (.*)$", line)
        number = re.match(r"^\d+\. (.*)$", line)
        if heading:
            flush_paragraph()
            flush_list()
            level, text = len(heading.group(1)), heading.group(2).strip()
            anchor = text if level == 3 and ANCHOR.match(text) else slug(text)
            if level == 3:
                anchors.append(anchor)
            html.append(f'<h{level} id="{escape(anchor)}">{inline(text)}'
                        f'<a class="anchor-link" href="#{escape(anchor)}" aria-hidden="true">#</a></h{level}>')
        elif bullet or number:
            flush_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag != tag:
                flush_list()
                list_tag = tag
            items.append([(bullet or number).group(1)])
        elif not line.strip():
            flush_paragraph()
            flush_list()
        elif items and line.startswith(" "):
            items[-1].append(line.strip())  # a list item's continuation line
        else:
            flush_list()
            paragraph.append(line.strip())
    flush_paragraph()
    flush_list()
    if code is not None:
        html.append(f"<pre><code>{escape(chr(10).join(code))}</code></pre>")
    return "".join(html), anchors


@lru_cache(maxsize=1)
def _rendered(mtime: float) -> tuple[str, tuple[str, ...]]:
    body, anchors = render(SOURCE.read_text(encoding="utf-8"))
    return body, tuple(anchors)


def page() -> tuple[str, tuple[str, ...]]:
    """The rendered document (safe HTML) and its measure anchors; re-read when the file changes."""
    body, anchors = _rendered(SOURCE.stat().st_mtime)
    return mark_safe(body), anchors  # noqa: S308 - every piece of text was escaped by ``inline``/``escape``
