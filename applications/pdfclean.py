"""Appendix item 7: rebuild an uploaded PDF into a clean one (qpdf through pikepdf).

This module runs in a child process (``python -m applications.pdfclean``) that
the portal starts with CPU-time and memory limits (see ``pdfcheck.clean_pdf``),
so a hostile file can cost the child, never the web worker. It imports no
Django: the child reads the upload on stdin and writes the clean PDF on stdout.

Two steps:
1. Refuse scripts, launch/submit/import actions, embedded files, XFA and rich
   media found anywhere in the parsed object graph: in object streams, behind
   ``/Next`` chains, in page ``/AA`` dictionaries, however the names are escaped
   (qpdf has un-escaped them). Reviewers open these files.
2. Keep only the pages, copied into a new document, and drop what a reader could
   follow or run: annotations (links, widgets, file attachments), page and
   document actions, outlines, forms, names, structure. Only objects reachable
   from the new document are written, so whatever the walk missed stays behind.

Decompression is bounded: each stream's decoded size counts against
``MAX_INFLATED_BYTES`` in total, and a Flate stream is inflated with a cap
instead of in full.
"""

from __future__ import annotations

import io
import sys
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, Stream, StreamDecodeLevel

MAX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_OBJECTS = 50_000
MAX_DEPTH = 64
ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/XFA", "/RichMedia", "/RichMediaContent"}
)
ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/RichMediaExecute", "/Rendition", "/Movie", "/Sound"}
)
# Page keys a clean page keeps; anything else (/AA, /Annots, /B, /PieceInfo...) is dropped.
PAGE_KEYS = frozenset(
    {
        "/Type",
        "/Parent",
        "/Resources",
        "/MediaBox",
        "/CropBox",
        "/BleedBox",
        "/TrimBox",
        "/ArtBox",
        "/Rotate",
        "/Contents",
        "/UserUnit",
        "/Group",
    }
)
# Keys dropped wherever they appear inside what the pages reference (XObjects, resources).
DROPPED_KEYS = (
    "/A",
    "/AA",
    "/OpenAction",
    "/Next",
    "/URI",
    "/Annots",
    "/AcroForm",
    "/Names",
    "/EmbeddedFiles",
    "/JS",
    "/JavaScript",
    "/XFA",
    "/RichMedia",
    "/Launch",
    "/F",
)

EXIT_ACTIVE, EXIT_BROKEN, EXIT_BOMB = 3, 4, 5


class Unsafe(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def rebuild(data: bytes, *, max_inflated: int = MAX_INFLATED_BYTES) -> bytes:
    """The clean PDF, or ``Unsafe("active" | "broken" | "bomb")``."""
    try:
        source = Pdf.open(io.BytesIO(data))
    except pikepdf.PdfError:
        raise Unsafe("broken") from None
    if len(source.objects) > MAX_OBJECTS:
        raise Unsafe("bomb")
    if _has_active_content(source):
        raise Unsafe("active")
    if len(source.pages) < 1:
        raise Unsafe("broken")
    clean = Pdf.new()
    clean.pages.extend(source.pages)
    for page in clean.pages:
        for key in list(page.obj.keys()):
            if key not in PAGE_KEYS:
                del page.obj[key]
    _strip(clean)
    _bound_inflation(clean, max_inflated)
    out = io.BytesIO()
    clean.save(
        out,
        compress_streams=True,
        stream_decode_level=StreamDecodeLevel.none,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        deterministic_id=True,
    )
    return out.getvalue()


def _children(obj):
    if isinstance(obj, Stream):
        return list(obj.stream_dict.items())
    if isinstance(obj, Dictionary):
        return list(obj.items())
    if isinstance(obj, Array):
        return [(None, item) for item in obj]
    return []


def _walk(root, visit, seen: set[tuple[int, int]] | None = None) -> None:
    """Every object reachable from ``root``, each indirect one once (across calls sharing ``seen``),
    to ``MAX_DEPTH``."""
    seen = set() if seen is None else seen
    stack = [(root, 0)]
    while stack:
        obj, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise Unsafe("bomb")
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        visit(obj)
        stack.extend(
            (child, depth + 1) for _, child in _children(obj) if isinstance(child, Dictionary | Array | Stream)
        )


def _is_active(obj) -> bool:
    if not isinstance(obj, Dictionary | Stream):
        return False
    keys = set((obj.stream_dict if isinstance(obj, Stream) else obj).keys())
    if ACTIVE_KEYS & keys:
        return True
    kind = obj.get("/S")
    if isinstance(kind, Name) and str(kind) in ACTIVE_ACTIONS:
        return True
    return obj.get("/Type") == Name.EmbeddedFile or obj.get("/Subtype") in (Name.RichMedia, Name.FileAttachment)


def _has_active_content(pdf: Pdf) -> bool:
    found: list[object] = []

    def visit(obj):
        if not found and _is_active(obj):
            found.append(obj)

    # Every object in the file, also those compressed in object streams and not reachable;
    # one visited set for all, so a large file costs one pass, not one per object.
    seen: set[tuple[int, int]] = set()
    _walk(pdf.trailer, visit, seen)
    for obj in pdf.objects:
        if found:
            return True
        if isinstance(obj, Dictionary | Stream | Array):
            _walk(obj, visit, seen)
    return bool(found)


def _strip(pdf: Pdf) -> None:
    def visit(obj):
        target = obj.stream_dict if isinstance(obj, Stream) else obj
        if isinstance(target, Dictionary):
            for key in DROPPED_KEYS:
                # /F is a file specification only beside an action or in a file-attachment; a
                # stream's /F (external file) is dropped too: the clean file holds its own bytes.
                if key in target:
                    del target[key]

    for page in pdf.pages:
        _walk(page.obj.get("/Resources", Dictionary()), visit)


def _flate_size(raw: bytes, cap: int) -> int:
    inflater = zlib.decompressobj()
    size = len(inflater.decompress(raw, cap + 1))
    if size > cap:
        raise Unsafe("bomb")
    return size


def _bound_inflation(pdf: Pdf, max_inflated: int) -> None:
    budget = max_inflated
    for obj in pdf.objects:
        if not isinstance(obj, Stream):
            continue
        filters = obj.get("/Filter")
        names = [str(f) for f in filters] if isinstance(filters, Array) else [str(filters)] if filters else []
        try:
            if names == ["/FlateDecode"] and "/DecodeParms" not in obj:
                budget -= _flate_size(obj.read_raw_bytes(), budget)
            else:
                # Other chains (a Flate inside a Flate, LZW...) are decoded by qpdf under the
                # child's memory limit; images (DCT, JPX...) stay encoded and count as stored.
                budget -= len(obj.read_bytes(StreamDecodeLevel.generalized))
        except pikepdf.PdfError:
            budget -= len(obj.read_raw_bytes())
        except zlib.error:
            raise Unsafe("broken") from None
        if budget < 0:
            raise Unsafe("bomb")


def main() -> int:
    data = sys.stdin.buffer.read()
    try:
        clean = rebuild(data)
    except Unsafe as refusal:
        return {"active": EXIT_ACTIVE, "broken": EXIT_BROKEN, "bomb": EXIT_BOMB}[refusal.code]
    except Exception:
        return EXIT_BROKEN
    sys.stdout.buffer.write(clean)
    return 0


if __name__ == "__main__":
    sys.exit(main())
