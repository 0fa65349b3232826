"""Raw page bytes → text: a BOM, then a declared charset, then UTF-8, then cp1252; newlines normalized."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def decode_bytes(data: bytes, html: bool = False) -> str:
    """Text from raw bytes: BOM, then a declared charset, then UTF-8, then cp1252 (never raises)."""
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, enc in boms:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    declared = None
    if html:
        m = _META_CHARSET.search(data[:8192]) or _XML_ENCODING.search(data[:512])
        if m:
            declared = m[1].decode("ascii", "ignore").lower()
    if declared:
        if declared in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1", "l1"):
            declared = "cp1252"  # what browsers do, and a superset for printable text
        try:
            codecs.lookup(declared)
        except LookupError:
            declared = None
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
