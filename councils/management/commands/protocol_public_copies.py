"""Request the public copy (personal data removed) of every signed protocol that has none yet, kk and ru.

Protocols signed from now on get theirs at signing (councils.services.protocol.protocol_freeze); this is for
the ones signed before. Safe to run again: a copy already requested is left as it is.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from councils.documents import LANGUAGES, PROTOCOL_PUBLIC
from councils.models import Protocol
from registry.documents import document_request, documents_for


class Command(BaseCommand):
    help = "Request the public copy of every signed protocol that has none (kk and ru)."

    def handle(self, *args, **options):
        requested = 0
        for protocol in Protocol.objects.filter(status=Protocol.Status.FINAL).order_by("pk"):
            have = set(documents_for(protocol, PROTOCOL_PUBLIC).values_list("language", flat=True))
            for language in LANGUAGES:
                if language not in have:
                    with transaction.atomic():
                        document_request(kind=PROTOCOL_PUBLIC, obj=protocol, language=language, requested_by=None)
                    requested += 1
        self.stdout.write(f"{requested}")
