"""Turn one source's raw bytes into episode documents: sniff the kind, call its parser, stamp and validate."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from pathlib import Path

from indexer.document import Source, validation_errors
from indexer.results import ParseResult

KINDS = ("html", "text", "feed", "json")

_FEED_SNIFF = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]|<channel[\s>]", re.I)
_HTML_SNIFF = re.compile(rb"<(!doctype html|html|head|body|div|article|section|main|p|h[1-6]|ul|table)[\s>]", re.I)
_CONTROL_BYTES = [bytes([b]) for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b"]
_XML_ERROR_SNIFF = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?<(error|errors)[\s>]", re.I)


def sniff_kind(data: bytes, location: str = "", content_type: str | None = None) -> str:
    """Which parser a source needs: `feed`, `html`, `json` or `text` (content type, then bytes, then name)."""
    ctype = (content_type or "").lower()
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    suffix = Path(location.split("?")[0]).suffix.lower()
    if "json" in ctype or (suffix in (".json", ".jsonl") and head[:1] in (b"{", b"[")):
        return "json"
    if any(t in ctype for t in ("rss", "atom", "xml")) or suffix in (".xml", ".rss", ".atom"):
        return "feed"
    if _FEED_SNIFF.search(head) and not _HTML_SNIFF.match(head):
        return "feed"
    if _XML_ERROR_SNIFF.match(head):
        return "feed"
    if "html" in ctype or suffix in (".html", ".htm", ".xhtml") or _HTML_SNIFF.search(head):
        return "html"
    return "text"


def parse_bytes(data: bytes, location: str, content_type: str | None = None, kind: str | None = None) -> ParseResult:
    """Parse raw bytes from `location` into validated documents; never raises for bad input."""
    if looks_binary(data):
        return ParseResult.failure(location, "binary data (an image, audio or archive?), not a page, feed or JSON")
    kind = kind or sniff_kind(data, location, content_type)
    try:
        result = _parser_for(kind, data)(data, location)
    except Exception as exc:  # a parser bug must not stop a batch; report it as this source's failure
        return ParseResult.failure(location, f"could not parse as {kind}: {type(exc).__name__}: {exc}")
    if not result.ok:
        return result
    if not result.episodes:
        return ParseResult.failure(location, f"no episode found in this {kind} source")
    digest = hashlib.sha256(data).hexdigest()
    for episode in result.episodes:
        episode.source = Source(kind=kind, location=location, sha256=digest)
        errors = validation_errors(episode.to_dict())
        if errors:
            return ParseResult.failure(location, f"episode {episode.id!r} is not a valid document: {errors[0]}")
    return result


def looks_binary(data: bytes) -> bool:
    """Control bytes all over (outside UTF-16/32 text): an image, audio file or archive, never notes or a feed.

    A share, not any one byte: a real page with a stray NUL or form feed is still a page."""
    head = data[:8192]
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    controls = sum(head.count(byte) for byte in _CONTROL_BYTES)
    return controls > len(head) * 0.02


def parse_path(path: str | Path) -> ParseResult:
    """Parse a file on disk; unreadable files become a failure naming the file."""
    path = Path(path)
    if path.exists() and not (path.is_file() or path.is_dir()):  # /dev/zero or a pipe would never end
        return ParseResult.failure(path_location(path), "cannot read file: not a regular file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ParseResult.failure(path_location(path), f"cannot read file: {exc.strerror or exc}")
    return parse_bytes(data, path_location(path))


def path_location(path: str | Path) -> str:
    """The path as storable, printable text: bytes of a name that are not UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def _parser_for(kind: str, data: bytes):
    if kind == "feed":
        from indexer.feeds import parse_feed

        return parse_feed
    if kind == "json":
        from indexer.records import parse_json

        return parse_json
    if kind == "html":
        from indexer.transcripts import looks_like_transcript_page, parse_transcript_page

        if looks_like_transcript_page(data):
            return parse_transcript_page
        from indexer.extract import parse_html

        return parse_html
    from indexer.timedtext import looks_like_transcript_text

    if looks_like_transcript_text(data[:200_000].decode("utf-8", "replace")):
        from indexer.transcripts import parse_transcript_text

        return parse_transcript_text
    from indexer.extract import parse_text

    return parse_text
