import datetime
import io
from zoneinfo import ZoneInfo

from netvaerk.core.access import Actor
from netvaerk.testing import World, actor_for

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=COPENHAGEN)


ROLES = {"board": ("board",), "staff": ("staff",), "org_admin": ("org_admin",)}


def persona(world: World, name: str) -> Actor:
    return actor_for(world.persons[name], *ROLES.get(name, ()))


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    # Lines wrap where the layout says, so whitespace is compared as single spaces.
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def pdf_xobject_count(content: bytes) -> int:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    count = 0
    for page in reader.pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        xobjects = resources.get_object().get("/XObject")
        if xobjects is not None:
            count += len(xobjects.get_object())
    return count


def docx_document(content: bytes):
    import docx

    return docx.Document(io.BytesIO(content))


def docx_text(content: bytes) -> str:
    document = docx_document(content)
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)
