"""Board documents: one model of a document for the board, two renderings (PDF and DOCX).

The form is the board appendix of seed 002 — item number ("5.1"), date, "To:" the board
meeting, contact persons, the title ("Appendix 5.1: …"), an optional introduction and
numbered sections. Any report to the board is built as a ``BoardDocument`` and rendered with
``render_pdf`` or ``render_docx``; both give the same content in the same order.

    doc = BoardDocument(
        organisation=organisation,
        item_number="5.1",
        date=datetime.date(2027, 2, 20),
        to="Hovedbestyrelsens møde 12. marts 2027",
        contacts=[Contact(name="Karen Klint", role="Chair of the network")],
        title="Annual report 2026: Kirkepolitisk netværk",
        sections=[
            Section("1", "Summary", [Text("A year of …\\n\\n- first point\\n- second point")]),
            Section("2", "Members", [Table(["", "Members"], [["1 January", "40"]]),
                                     Chart.from_pygal(chart, alt="Members rose from 40 to 52.")]),
        ],
    )
    pdf_bytes = render_pdf(doc)
    docx_bytes = render_docx(doc)

Blocks are ``Text`` (Markdown-light: paragraphs separated by a blank line, bullet lists of
lines starting with "- " or "* "), ``Table`` (header and rows of strings) and ``Chart`` (an SVG
for the PDF and the page, the same chart as PNG for DOCX, and a text alternative shown as its
caption). Text is never interpreted as HTML.

Both renderers work in ``doc.language`` (the organisation's language unless given), so the
fixed words ("To:", "Date:", "Contact persons:", "Appendix") come out in the board's language
whoever downloads the file."""

import base64
import datetime
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from netvaerk.organisations.models import Organisation

STYLESHEET = Path(__file__).with_name("board_document.css")
_SCRIPT = re.compile(r"<script\b[^>]*?(?:/>|>.*?</script>)", re.DOTALL)


# --- blocks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextPart:
    """One paragraph ("p", with text) or one bullet list ("ul", with items)."""

    kind: Literal["p", "ul"]
    text: str = ""
    items: tuple[str, ...] = ()


def _is_bullet(line: str) -> bool:
    return line.lstrip().startswith(("- ", "* ")) or line.strip() in ("-", "*")


def _unbullet(line: str) -> str:
    return line.lstrip()[1:].strip()


def text_parts(text: str) -> list[TextPart]:
    """Markdown-light: blank lines separate paragraphs; runs of lines starting with "- " or
    "* " are bullet lists. Lines of a paragraph are joined with a space."""
    parts: list[TextPart] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []
        bullets: list[str] = []
        for line in lines:
            if _is_bullet(line):
                if paragraph:
                    parts.append(TextPart("p", text=" ".join(paragraph)))
                    paragraph = []
                bullets.append(_unbullet(line))
            elif bullets and line.startswith((" ", "\t")):
                bullets[-1] = f"{bullets[-1]} {line.strip()}"  # a bullet's continued line
            else:
                if bullets:
                    parts.append(TextPart("ul", items=tuple(bullets)))
                    bullets = []
                paragraph.append(line.strip())
        if paragraph:
            parts.append(TextPart("p", text=" ".join(paragraph)))
        if bullets:
            parts.append(TextPart("ul", items=tuple(bullets)))
    return parts


@dataclass(frozen=True)
class Text:
    """Prose in Markdown-light (see text_parts)."""

    text: str
    kind: Literal["text"] = "text"

    @property
    def parts(self) -> list[TextPart]:
        return text_parts(self.text)


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    kind: Literal["table"] = "table"


@dataclass(frozen=True)
class Chart:
    """One chart, as SVG (for the PDF and the page) and as PNG of the same drawing (for
    DOCX, which cannot hold SVG), with its text alternative — which both documents print as
    the caption, and the page gives to screen readers.

    The PNG is made from the SVG by CairoSVG when first asked for, unless given."""

    svg: str
    alt: str
    title: str = ""
    png_data: bytes | None = None
    kind: Literal["chart"] = "chart"

    @classmethod
    def from_pygal(cls, chart: Any, *, alt: str, title: str = "") -> "Chart":
        """pygal always writes a <script> with its tooltip settings; it is dropped, as
        nothing here runs script (and the page's CSP would refuse it)."""
        svg = _SCRIPT.sub("", chart.render(is_unicode=True))
        return cls(svg=svg, alt=alt, title=title)

    @functools.cached_property
    def png(self) -> bytes:
        if self.png_data is not None:
            return self.png_data
        import cairosvg

        return bytes(cairosvg.svg2png(bytestring=self.svg.encode("utf-8"), output_width=1600))

    @property
    def data_uri(self) -> str:
        """For <img src>: as an image, the SVG's own styles apply and no script can run, so
        it passes the site's strict Content-Security-Policy."""
        encoded = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"


Block = Text | Table | Chart


@dataclass(frozen=True)
class Section:
    number: str
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Contact:
    """A contact person as seed 002 lists them: name, how to reach them, and their role."""

    name: str
    role: str = ""
    email: str = ""
    phone: str = ""

    @property
    def line(self) -> str:
        parts = [self.name]
        if self.email:
            parts.append(self.email)
        if self.phone:
            parts.append(_("phone %(phone)s") % {"phone": self.phone})
        line = ", ".join(parts)
        return f"{line} – {self.role}" if self.role else line


@dataclass
class BoardDocument:
    organisation: "Organisation"
    item_number: str
    date: datetime.date
    to: str
    contacts: list[Contact]
    title: str
    sections: list[Section]
    introduction: str = ""
    # Marks the document as not final, on every page.
    draft: bool = False
    # The language of the fixed words and dates; the organisation's unless given.
    language: str = ""

    @property
    def lang(self) -> str:
        return self.language or self.organisation.language

    @property
    def introduction_blocks(self) -> list[Block]:
        return [Text(self.introduction)] if self.introduction else []

    def full_title(self) -> str:
        """ "Appendix 5.1: <title>" with an item number, else the title (call inside the
        document's language)."""
        if self.item_number:
            return _("Appendix %(item)s: %(title)s") % {
                "item": self.item_number,
                "title": self.title,
            }
        return self.title

    def date_text(self) -> str:
        return date_format(self.date, "DATE_FORMAT")


# --- PDF ----------------------------------------------------------------------------------


def render_html(doc: BoardDocument) -> str:
    """The document as print HTML, in the document's language (what render_pdf lays out)."""
    with translation.override(doc.lang):
        return render_to_string(
            "reports/board_document.html",
            {
                "doc": doc,
                "full_title": doc.full_title(),
                "date_text": doc.date_text(),
                "stylesheet": STYLESHEET.read_text(encoding="utf-8"),
                "lang": doc.lang,
            },
        )


# --- files --------------------------------------------------------------------------------

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    content_type: str


_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def file_slug(text: str) -> str:
    """A file name part in ASCII, with æ, ø and å spelt out as Danes do."""
    return slugify(text.translate(_DANISH_LETTERS))


def render(doc: BoardDocument, file_format: str) -> bytes:
    """The document as a file of one of FORMATS."""
    return render_pdf(doc) if file_format == "pdf" else render_docx(doc)


def render_pdf(doc: BoardDocument) -> bytes:
    """An A4 PDF laid out by WeasyPrint. Nothing is fetched from outside: charts travel as
    data: URIs, and every other scheme is refused."""
    from weasyprint import HTML, URLFetcher

    html = render_html(doc)
    fetcher = URLFetcher(allowed_protocols={"data"})
    return bytes(HTML(string=html, url_fetcher=fetcher).write_pdf())


# --- DOCX ---------------------------------------------------------------------------------


def render_docx(doc: BoardDocument) -> bytes:
    """The same document as a Word file: A4, the header block, "1." numbered headings,
    bullet lists, tables with a header row, and charts as PNG with their text alternative."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    with translation.override(doc.lang):
        document = docx.Document()
        page = document.sections[0]
        page.page_width, page.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(page, side, Cm(2.2))
        normal = document.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)

        properties = document.core_properties
        properties.title = doc.full_title()
        properties.author = doc.organisation.name
        properties.language = doc.lang

        if doc.draft:
            mark = document.add_paragraph()
            run = mark.add_run(_("Draft – not submitted to the board"))
            run.bold = True
            run.font.color.rgb = RGBColor(0xA3, 0x26, 0x1B)
        if doc.item_number:
            item = document.add_paragraph()
            run = item.add_run(doc.item_number)
            run.bold = True
            run.font.size = Pt(16)
        document.add_paragraph(_("Date: %(date)s") % {"date": doc.date_text()})
        document.add_paragraph(_("To: %(meeting)s") % {"meeting": doc.to})
        if doc.contacts:
            label = _("Contact person:") if len(doc.contacts) == 1 else _("Contact persons:")
            contacts = document.add_paragraph()
            contacts.add_run(label).bold = True
            for contact in doc.contacts:
                contacts.add_run().add_break()
                contacts.add_run(contact.line)

        document.add_heading(doc.full_title(), level=1)
        if doc.introduction:
            document.add_heading(_("Introduction"), level=2)
            _docx_text(document, Text(doc.introduction))

        for section in doc.sections:
            heading = f"{section.number}. {section.heading}" if section.number else section.heading
            document.add_heading(heading, level=2)
            for block in section.blocks:
                if isinstance(block, Text):
                    _docx_text(document, block)
                elif isinstance(block, Table):
                    _docx_table(document, block)
                else:
                    document.add_picture(io.BytesIO(block.png), width=Cm(16))
                    picture = document.paragraphs[-1]
                    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    # The text alternative Word reads out ("Alt Text").
                    doc_pr = document.inline_shapes[-1]._inline.docPr
                    doc_pr.set("descr", block.alt)
                    if block.title:
                        doc_pr.set("title", block.title)
                    caption = document.add_paragraph(block.alt)
                    caption.style = document.styles["Caption"]

        footer = page.footer.paragraphs[0]
        footer.text = doc.organisation.name
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _docx_text(document: Any, block: Text) -> None:
    for part in block.parts:
        if part.kind == "p":
            document.add_paragraph(part.text)
        else:
            for item in part.items:
                document.add_paragraph(item, style="List Bullet")


def _docx_table(document: Any, block: Table) -> None:
    if block.caption:
        document.add_paragraph(block.caption).style = document.styles["Caption"]
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_paragraph()
