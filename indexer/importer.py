"""Import sources (files, folders, page or feed URLs, crawls) into the corpus, one outcome per source."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from indexer.document import Episode
from indexer.parse import parse_bytes, parse_path, path_location
from indexer.results import ParseResult
from indexer.store import Corpus

SOURCE_SUFFIXES = {".html", ".htm", ".xhtml", ".txt", ".text", ".md", ".xml", ".rss", ".atom", ".json", ".jsonl"}
STATUSES = ("added", "updated", "unchanged", "failed")


@dataclass
class Outcome:
    """What happened to one source (or one episode of a multi-episode source)."""

    source: str
    status: str
    episode_id: str | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counted = Counter(o.status for o in self.outcomes)
        return {status: counted.get(status, 0) for status in STATUSES}

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def changed_ids(self) -> list[str]:
        return [o.episode_id for o in self.outcomes if o.status in ("added", "updated") and o.episode_id]


def is_url(source: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source))


def source_files(path: Path) -> Iterator[Path]:
    """The importable files under a folder (recursively, hidden ones skipped), or the file itself."""
    if path.is_file():
        yield path
        return
    for child in sorted(path.rglob("*")):
        rel = child.relative_to(path)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if child.is_file() and child.suffix.lower() in SOURCE_SUFFIXES:
            yield child


def has_notes(episode: Episode) -> bool:
    """Whether a parsed page carries episode notes at all (a site's index or about page does not)."""
    return any((episode.gist, episode.reveals, episode.facts, episode.items, episode.chapters, episode.transcript,
                episode.guests))


def store_result(corpus: Corpus, result: ParseResult) -> list[Outcome]:
    """Store a parse result's episodes; a failure stores nothing, so a good stored document survives."""
    if not result.ok:
        return [Outcome(result.location, "failed", reason=result.error, warnings=result.warnings)]
    outcomes = []
    for n, episode in enumerate(result.episodes):
        warnings = result.warnings if n == 0 else []  # the source's warnings, told once and not once per episode
        try:
            status = corpus.put(episode)
        except OSError as exc:
            outcomes.append(Outcome(result.location, "failed", episode.id, f"cannot write to the corpus: {exc}",
                                    warnings))
            continue
        outcomes.append(Outcome(result.location, status, episode.id, warnings=warnings))
    return outcomes


def fetch_result(url: str, cache_dir: Path | None) -> ParseResult:
    """Fetch a page or feed URL and parse it; network trouble becomes a failure naming the URL."""
    from indexer.fetch import fetch

    response = fetch(url, cache=cache_dir)
    if response.error:
        return ParseResult.failure(url, response.error)
    return parse_bytes(response.data, response.final_url or url, response.content_type)


def import_sources(
    sources: Iterable[str],
    corpus: Corpus,
    cache_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import every source; one bad source never stops the batch."""
    report = ImportReport()
    known = None  # location → (raw sha256, ids) of stored documents, read on first need
    for source in sources:
        if is_url(source):
            if not source.lower().startswith(("http://", "https://")):
                report.outcomes.append(Outcome(source, "failed", reason="only http and https URLs can be fetched"))
                continue
            results: Iterable[ParseResult] = [fetch_result(source, cache_dir)]
        else:
            path = Path(source)
            if not path.exists():
                report.outcomes.append(Outcome(source, "failed", reason="no such file or folder"))
                continue
            if not (path.is_file() or path.is_dir()):  # a device or a pipe: reading it could block forever
                report.outcomes.append(Outcome(source, "failed", reason="not a file or folder"))
                continue
            if known is None:
                known = corpus.sources()
            results = (_unchanged_or_parsed(p, known) for p in source_files(path))
        for result in results:
            if progress:
                progress(result.location)
            if isinstance(result, list):
                report.outcomes.extend(result)
            else:
                report.outcomes.extend(store_result(corpus, result))
    return report


def _unchanged_or_parsed(path: Path, known: dict[str, tuple[str, list[str]]]) -> ParseResult | list[Outcome]:
    """Skip the parse when the file's bytes are the ones its stored documents came from (sha256)."""
    location = path_location(path)
    stored = known.get(location)
    if stored:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = None
        if digest == stored[0]:
            return [Outcome(location, "unchanged", episode_id) for episode_id in stored[1]]
    return parse_path(path)


def import_crawl(
    start_url: str,
    corpus: Corpus,
    cache_dir: Path,
    progress: Callable[[str], None] | None = None,
    **crawl_options: object,
) -> ImportReport:
    """Crawl a site for episode pages and import each; unchanged pages (HTTP 304) are reported unchanged."""
    from indexer.crawl import CrawlStats, crawl

    report = ImportReport()
    stats = CrawlStats()
    for page in crawl(start_url, cache_dir=cache_dir, stats=stats, **crawl_options):
        if progress:
            progress(page.url)
        if page.outcome == "skipped" and page.via == "start":  # the whole crawl did nothing: say why
            why = f" (robots.txt could not be read: {stats.robots_error})" if stats.robots_error else ""
            report.outcomes.append(Outcome(page.url, "failed", reason=f"{page.error}{why}"))
            continue
        if page.outcome == "skipped":
            continue  # robots.txt, off-site, not HTML: by design, not a failure
        if page.outcome == "failed" or not page.data:
            report.outcomes.append(Outcome(page.url, "failed", reason=page.error or "empty response"))
            continue
        # an "unchanged" (304) page still parses from the cached body: the corpus then reports it unchanged
        result = parse_bytes(page.data, page.final_url or page.url, page.content_type)
        if result.ok:
            result.episodes = [ep for ep in result.episodes if has_notes(ep)]
        if (result.ok and not result.episodes) or "no episode found" in (result.error or ""):
            continue  # an index, about or listing page: crawled for its links, not an episode
        report.outcomes.extend(store_result(corpus, result))
    return report
