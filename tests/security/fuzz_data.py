"""Hostile inputs shared by the fuzzing tests: malformed and disguised files, hostile strings."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

UPLOAD_LIMIT = 64 * 1024  # the UPLOAD_MAX_BYTES the upload tests run with


def _page() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    return writer


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def plain_pdf(title: str = "x") -> bytes:
    writer = _page()
    writer.add_metadata({"/Title": title})
    return _written(writer)


def pdf_with_javascript() -> bytes:
    writer = _page()
    action = writer._add_object(
        DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('x');")}
        )
    )
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("js"), action])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    return _written(writer)


def pdf_with_open_action() -> bytes:
    writer = _page()
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("this.exportDataObject({cName:'x', nLaunch:2});"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def pdf_with_launch() -> bytes:
    writer = _page()
    action = DictionaryObject({NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def pdf_with_embedded_file() -> bytes:
    writer = _page()
    writer.add_attachment("run.exe", b"MZ\x90\x00" + b"\x00" * 60)
    return _written(writer)


def pdf_with_escaped_javascript() -> bytes:
    """The name written with #-escapes (/J#61vaScript) to slip past a naive byte search."""
    return pdf_with_javascript().replace(b"/JavaScript", b"/J#61vaScript")


def pdf_with_compressed_bomb() -> bytes:
    """A page whose content stream inflates ~1000× (8 MB of zeros in ~8 KB)."""
    zeros = zlib.compress(b"0" * (8 * 1024 * 1024), 9)
    header = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    page = b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj\n"
    stream = b"4 0 obj<</Length %d/Filter/FlateDecode>>stream\n" % len(zeros) + zeros + b"\nendstream endobj\n"
    return header + page + stream + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"0" * 1_000_000)
    return buffer.getvalue()


@dataclass(frozen=True)
class FileCase:
    label: str
    content: bytes
    must_refuse: bool  # False: refusing or storing it inert are both right


def file_cases() -> list[FileCase]:
    """25 contents; ``upload_cases`` gives each four hostile names: 100 uploads."""
    good = plain_pdf()
    html = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
    refuse = [
        ("empty", b""),
        ("one byte", b"%"),
        ("header only", b"%PDF-1.7\n"),
        ("html renamed", html),
        ("svg renamed", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("pe executable", b"MZ\x90\x00\x03" + b"\x00" * 58 + b"PE\x00\x00" + b"\x00" * 200),
        ("elf executable", b"\x7fELF\x02\x01\x01" + b"\x00" * 200),
        ("zip renamed", _zip_bytes()),
        ("raw zlib stream", zlib.compress(b"\x00" * 5_000_000, 9)),
        ("nul bytes", b"\x00" * 4096),
        ("pdf header then html", b"%PDF-1.4\n" + html),
        ("pdf header then pe", b"%PDF-1.4\n" + b"MZ\x90\x00" + b"\x00" * 500),
        ("javascript", pdf_with_javascript()),
        ("open action script", pdf_with_open_action()),
        ("launch action", pdf_with_launch()),
        ("embedded executable", pdf_with_embedded_file()),
        ("escaped javascript name", pdf_with_escaped_javascript()),
        ("oversize", good + b"%" + b"0" * UPLOAD_LIMIT),
        ("truncated at 40", good[:40]),
        ("utf-16 text", "%PDF-1.4 hello".encode("utf-16")),
    ]
    either = [
        ("plain pdf", good),
        ("truncated at half", good[: len(good) // 2]),
        ("truncated before eof", good[:-8]),
        ("html after eof", good + html),
        ("compressed bomb stream", pdf_with_compressed_bomb()),
    ]
    return [FileCase(label, content, True) for label, content in refuse] + [
        FileCase(label, content, False) for label, content in either
    ]


HOSTILE_NAMES = [
    "document.pdf",
    "../../x.pdf",
    "..\\..\\windows\\system32\\x.pdf",
    ("А" * 300) + '"><script>alert(1)</script>.pdf.exe.pdf',
]


def upload_cases() -> list[tuple[str, FileCase]]:
    return [(name, case) for case in file_cases() for name in HOSTILE_NAMES]


# Hostile strings for text fields.
HOSTILE_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m",
    "\u202eexe.pdf",
    "\ufeff",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% debug %}",
    "'; DROP TABLE applications_application; --",
    "А" * 5000,
    "x" * 100_000,
    "💥" * 300,
    "\r\n\r\nSet-Cookie: x=1",
    "../../etc/passwd",
    "%s%s%n",
    "NaN",
    "-1",
]
HOSTILE_NUMBERS = [
    "-1",
    "-999999999999",
    "0",
    "1e308",
    "9" * 40,
    "NaN",
    "Infinity",
    "1,5",
    "0x10",
    "١٢٣",
    "",
    " ",
    "1.000000001",
    "12abc",
    "\x00",
    "99999999999999999999.99",
]
HOSTILE_IDENTIFIERS = [  # malformed ЖСН / БСН / IBAN
    "",
    "0",
    "12345678901",
    "1234567890123",
    "000000000000",
    "900101300018",
    "abcdefghijkl",
    "９００１０１３０００１７",
    "900101 300017",
    "KZ00",
    "KZ86125KZT500410010",
    "KZ86125KZT50041001000000000",
    "DE89370400440532013000",
    "KZ86 125K ZT50 0410 0100",
    "kz86125kzt5004100100",
    "\x00" * 12,
]
