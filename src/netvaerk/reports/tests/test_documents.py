"""Board documents in seed 002's form, rendered to PDF and DOCX and read back."""

import datetime

import pytest
from django.utils import translation

from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.reports import charts
from netvaerk.reports.documents import (
    BoardDocument,
    Contact,
    Section,
    Table,
    Text,
    TextPart,
    render_docx,
    render_pdf,
    text_parts,
)
from netvaerk.reports.tests.helpers import docx_document, docx_text, pdf_text, pdf_xobject_count


def test_text_parts_reads_paragraphs_and_bullet_lists():
    text = "First line\nsame paragraph.\n\nIntro:\n- one\n- two\n  continued\n* three\n\nLast."
    assert text_parts(text) == [
        TextPart("p", text="First line same paragraph."),
        TextPart("p", text="Intro:"),
        TextPart("ul", items=("one", "two continued", "three")),
        TextPart("p", text="Last."),
    ]


def test_text_is_never_markup():
    assert text_parts("<b>bold</b>") == [TextPart("p", text="<b>bold</b>")]


@pytest.fixture
def document(db) -> BoardDocument:
    org = OrganisationFactory(slug="dn", name="Danmarks Naturfredningsforening", language="da")
    chart = charts.bar_chart(
        title="Webinars",
        labels=["Sept", "Okt"],
        series={"Deltagere": [23, 31]},
        alt="Søjlediagram: 23 deltagere i september, 31 i oktober.",
    )
    return BoardDocument(
        organisation=org,
        item_number="5.1",
        date=datetime.date(2023, 10, 9),
        to="Hovedbestyrelsen – møde d. 1. november 2023",
        contacts=[
            Contact(name="Jens Anton Klinken", email="jatk@example.org", phone="30 43 02 47"),
            Contact(name="Jens la Cour", role="projektleder"),
        ],
        title="Status på projekt for lokalpolitisk interessevaretagelse",
        introduction="Projektbeskrivelse og målhierarki blev udviklet i foråret.",
        sections=[
            Section(
                "1",
                "Generel understøttelse på tværs af alle DN-afdelinger",
                [Text("Den seneste workshop blev afholdt.\n\n- Aabenraa\n- Odder"), chart],
            ),
            Section(
                "2",
                "Fokuseret indsats i fem udvalgte DN-afdelinger",
                [
                    Table(
                        ["Afdeling", "Status"],
                        [["DN Odder", "Deltager"], ["DN Horsens", "Deltager"]],
                    )
                ],
            ),
        ],
    )


def _expected(document: BoardDocument, text: str, **values) -> str:
    with translation.override(document.lang):
        return translation.gettext(text) % values


@pytest.mark.django_db
def test_the_pdf_has_the_appendix_header_sections_and_chart(document):
    text = pdf_text(render_pdf(document))
    assert "5.1" in text
    # Dates come out in the organisation's language, whoever renders the document.
    assert "9. oktober 2023" in text
    assert _expected(document, "To: %(meeting)s", meeting=document.to) in text
    assert "Jens Anton Klinken, jatk@example.org" in text
    assert "Jens la Cour – projektleder" in text
    assert _expected(document, "Appendix %(item)s: %(title)s", item="5.1", title="") in text
    assert "Status på projekt for lokalpolitisk interessevaretagelse" in text
    assert "1. Generel understøttelse på tværs af alle DN-afdelinger" in text
    assert "2. Fokuseret indsats i fem udvalgte DN-afdelinger" in text
    assert "DN Horsens" in text
    assert "Aabenraa" in text
    # The chart: drawn as a vector image, with its text alternative printed under it.
    assert pdf_xobject_count(render_pdf(document)) >= 1
    assert "Søjlediagram: 23 deltagere i september" in text


@pytest.mark.django_db
def test_the_docx_has_the_same_content_in_the_same_order_and_the_chart_as_an_image(document):
    content = render_docx(document)
    text = docx_text(content)
    order = [
        "5.1",
        "9. oktober 2023",
        _expected(document, "To: %(meeting)s", meeting=document.to),
        "Jens Anton Klinken, jatk@example.org",
        "Status på projekt for lokalpolitisk interessevaretagelse",
        "1. Generel understøttelse på tværs af alle DN-afdelinger",
        "Aabenraa",
        "Søjlediagram: 23 deltagere i september, 31 i oktober.",
        "2. Fokuseret indsats i fem udvalgte DN-afdelinger",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert "DN Horsens | Deltager" in text

    word = docx_document(content)
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    assert headings[1:] == [
        "1. Generel understøttelse på tværs af alle DN-afdelinger",
        "2. Fokuseret indsats i fem udvalgte DN-afdelinger",
    ]
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Aabenraa", "Odder"]
    assert len(word.inline_shapes) == 1
    doc_pr = word.inline_shapes[0]._inline.docPr
    assert doc_pr.get("descr") == "Søjlediagram: 23 deltagere i september, 31 i oktober."
    assert word.sections[0].page_width.cm == pytest.approx(21, abs=0.01)


@pytest.mark.django_db
def test_a_draft_says_so_in_both_documents(document):
    document.draft = True
    marker = _expected(document, "Draft – not submitted to the board")
    assert marker in pdf_text(render_pdf(document))
    assert marker in docx_text(render_docx(document))


@pytest.mark.django_db
def test_the_chart_png_is_the_same_drawing_rasterised(document):
    chart = document.sections[0].blocks[1]
    assert chart.svg.lstrip().startswith("<svg")
    assert "<script" not in chart.svg
    assert chart.png.startswith(b"\x89PNG\r\n\x1a\n")
