"""Encrypting the PDF: the password rules and reportlab's AES-256, mended."""

import os
import secrets

import pyaes
from reportlab.lib.pdfencrypt import StandardEncryption

from .output import ReportError

MIN_PASSWORD = 8


def check_password(password) -> str:
    """A password to encrypt with, or ReportError saying why not."""
    if not isinstance(password, str):
        raise ReportError("The password must be text.")
    if not password:
        raise ReportError("The password is empty: give one to encrypt the PDF with.")
    if len(password) < MIN_PASSWORD:
        raise ReportError(f"The password is too short: use at least {MIN_PASSWORD} characters "
                          "(three random words are easy to say and hard to guess).")
    return password


class Aes256(StandardEncryption):
    """reportlab's AES-256 (revision 5) encryption, mended where reportlab 5.1 pads twice.
    1. It encrypts the key blocks with pyaes's default PKCS#7 padding, which adds a block:
    /UE and /OE come out 48 bytes, /Perms 32, and readers (pypdf, poppler) then refuse the
    right password. In CBC mode the padding block comes last, so the first 32 (16) bytes are
    exactly the unpadded encryption the standard asks for.
    2. It pads each string and stream itself and then pyaes pads again, so a reader finds a
    stray block after the data (pypdf then cannot decode the page). encode() pads once."""

    def __init__(self, password: str):
        super().__init__(password, ownerPassword=secrets.token_urlsafe(24), strength=256)

    def prepare(self, document, overrideID=None):
        super().prepare(document, overrideID)
        self.UE, self.OE, self.Perms = self.UE[:32], self.OE[:32], self.Perms[:16]

    def encode(self, t):
        if not self.prepared or self.objnum is None:
            return super().encode(t)  # reportlab's own refusal
        data = t.encode("utf-8") if isinstance(t, str) else bytes(t)
        iv = os.urandom(16)
        encrypter = pyaes.Encrypter(pyaes.AESModeOfOperationCBC(self.key, iv=iv))
        return iv + encrypter.feed(data) + encrypter.feed()
