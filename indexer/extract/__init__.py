"""Notes pages (HTML and text) → episode documents; the same section extraction for feed show notes.

Stages: `decoding` (bytes → text), `chrome` (site furniture removed, content root), `blocks` / `textblocks`
(HTML / text → reader-visible blocks), `sections` (headings by their text), `metadata` (JSON-LD, Open Graph,
microdata, <time>, <title>), `titles`, `head` (title line, byline, summary), `frontmatter`, `guests`,
`itemparts` / `items`, `chapters`, `notes` (sections → fields) and `pages` (a whole page → one Episode).
"""

from indexer.extract.notes import Notes, notes_from_html
from indexer.extract.pages import parse_html, parse_text

__all__ = ["Notes", "notes_from_html", "parse_html", "parse_text"]
