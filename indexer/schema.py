"""The Whoosh schema, defined once: one document per passage, each carrying its episode's facet fields."""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

# Passage kinds. "title" is the episode's head passage (title, summary, podcast, topics): exactly one per episode.
KINDS = ("title", "summary", "guest", "gist", "reveal", "fact", "item", "chapter", "transcript")
DOC_KIND = "doc"  # one per episode: holds the whole document, has no searchable text
# Plain word runs: Whoosh's default pattern keeps "comma.ai" or "3.8" whole, so "comma" would not find them.
WORD = r"\w+"
FACET_SEPARATOR = "\x1f"  # facet values are joined with a control character: names may hold commas


def prose_analyzer():
    """Stemmed, accent-folded prose. No stop list, so quoted phrases keep every word's position."""
    return StemmingAnalyzer(expression=WORD, stoplist=None, minsize=1) | CharsetFilter(accent_map)


def exact_analyzer():
    """Unstemmed, accent-folded words: names, item titles and the spelling vocabulary."""
    return RegexTokenizer(WORD) | LowercaseFilter() | CharsetFilter(accent_map)


def _facet_field(stored: bool = False) -> KEYWORD:
    field = KEYWORD(stored=stored, scorable=False)
    field.analyzer = RegexTokenizer(r"[^\x1f]+")  # one token per whole value, case kept: exact facet match
    return field


def build_schema() -> Schema:
    """A passage document. Episode-level fields repeat on every passage so a filter needs no join."""
    return Schema(
        pid=ID(stored=True, unique=True),  # "<episode id>/<kind>/<n>": the only unique field (see whoosh-notes)
        episode_id=ID(stored=True, sortable=True),
        kind=ID(stored=True, sortable=True),
        ordinal=STORED(),
        # searchable text: stemmed prose, its unstemmed twin, and unstemmed names / item titles
        text=TEXT(analyzer=prose_analyzer(), stored=True, phrase=True),
        exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        names=TEXT(analyzer=exact_analyzer(), phrase=True),
        item_title=TEXT(analyzer=exact_analyzer(), phrase=True),
        # episode facets and filters, on every passage
        guest=_facet_field(),
        type=_facet_field(),
        topic=_facet_field(),
        podcast=ID(),
        year=ID(),
        date=ID(sortable=True),
        number=NUMERIC(),
        # display payloads
        t=STORED(),
        item=STORED(),
        # head ("title") passage only: the hit's episode summary, its items, and a content hash column for
        # incremental updates; the full document rides on a separate unsearchable "doc" record so loading a
        # summary never unpickles a transcript
        summary=STORED(),
        items=STORED(),
        content_hash=ID(sortable=True),
        doc=STORED(),
    )


SCHEMA = build_schema()
