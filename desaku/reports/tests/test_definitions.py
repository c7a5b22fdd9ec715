"""The measure definitions are served in the app, with an anchor for every figure's "Definition" link."""

from django.test import Client
from django.urls import reverse

from desaku.reports import definitions
from desaku.reports import figures as registry


def test_every_figure_has_its_definition_anchor(actors):
    client = Client()
    client.force_login(actors["kadis"])
    response = client.get(reverse("reports:definitions"))
    assert response.status_code == 200
    page = response.content.decode()
    for figure in registry.all_figures():
        assert figure.definition, figure.key
        assert f'id="{figure.definition}"' in page, figure.key
        assert figure.doc_url == f"{reverse('reports:definitions')}#{figure.definition}"


def test_dashboard_links_to_the_definitions_page(actors):
    client = Client()
    client.force_login(actors["kadis"])
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert f'href="{reverse("reports:definitions")}#outreach-per-month"' in page
    assert 'href="#def-' not in page


def test_renderer_escapes_html_and_unsafe_links():
    html, anchors = definitions.render(
        "### my-measure\nA <script>x</script> **bold** `a<b>` [ok](#x) [bad](javascript:alert(1))\n\n- one\n  two\n")
    assert anchors == ["my-measure"] and 'id="my-measure"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>bold</strong>" in html and "<code>a&lt;b&gt;</code>" in html
    assert '<a href="#x">ok</a>' in html and 'href="javascript' not in html
    assert "<li>one two</li>" in html
