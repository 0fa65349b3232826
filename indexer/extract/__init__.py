"""Notes pages (HTML and text) → episode documents; the same section extraction for feed show notes.

Stages: `blocks` (markup → reader-visible blocks, chrome removed), `sections` (headings by their text),
`metadata` (JSON-LD, Open Graph, microdata, <time>, <title>), `titles`, `guests`, `items`, `chapters`,
`notes` (sections → fields) and `pages` (a whole page → one Episode).
"""

from indexer.extract.notes import Notes, notes_from_html

__all__ = ["Notes", "notes_from_html", "parse_html", "parse_text"]


def parse_html(data: bytes, location: str):
    from indexer.extract.pages import parse_html as _parse_html

    return _parse_html(data, location)


def parse_text(data: bytes, location: str):
    from indexer.extract.pages import parse_text as _parse_text

    return _parse_text(data, location)
