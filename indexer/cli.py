"""The `podnotes` command line: parse, import, index, search, serve, stats and export."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import math
import os
import re
import sys
from pathlib import Path

import click

from indexer.importer import ImportReport, import_crawl, import_sources, is_url
from indexer.index import EpisodeIndex, IndexError_, InvalidDocument
from indexer.library import Library
from indexer.parse import parse_path
from indexer.request import FACETS, InvalidParameter, SearchRequest
from indexer.store import Corpus, CorpusError
from indexer.textutil import format_timestamp

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def default_corpus() -> Path:
    """The bundled corpus of a checkout, else ./corpus."""
    return PROJECT_ROOT / "corpus" if (PROJECT_ROOT / "corpus").is_dir() else Path.cwd() / "corpus"


def default_index() -> Path:
    return PROJECT_ROOT / "var" / "index" if (PROJECT_ROOT / "corpus").is_dir() else Path.cwd() / "var" / "index"


class Config:
    def __init__(self, corpus: Path, index: Path):
        self.corpus_dir = corpus
        self.index_dir = index

    @property
    def corpus(self) -> Corpus:
        return Corpus(self.corpus_dir)

    @property
    def index(self) -> EpisodeIndex:
        return EpisodeIndex(self.index_dir)


def friendly_errors(func):
    """Turn expected failures into one clear line on stderr and exit 1: no traceback reaches a user."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except BrokenPipeError:  # `podnotes search … | head`: the reader left; nothing to report
            sys.stderr.close()
            sys.exit(0)
        except InvalidDocument as exc:
            raise click.ClickException(f"{_document_file(exc.episode_id)}: {exc}") from None
        except (IndexError_, CorpusError, InvalidParameter) as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: say what failed, keep the traceback for PODNOTES_DEBUG=1
            if os.environ.get("PODNOTES_DEBUG"):
                raise
            raise click.ClickException(f"internal error: {type(exc).__name__}: {exc}") from None

    return wrapper


def _document_file(episode_id: object) -> Path | str:
    """The corpus file an episode id is stored in, for error messages."""
    cfg = click.get_current_context().find_object(Config)
    if cfg is None or not isinstance(episode_id, str):
        return "the corpus"
    return cfg.corpus.path_for(episode_id)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--corpus", "corpus", type=click.Path(file_okay=False, path_type=Path), envvar="PODNOTES_CORPUS",
              default=default_corpus, show_default="the bundled corpus/", help="Where episode documents are stored.")
@click.option("--index", "index", type=click.Path(file_okay=False, path_type=Path), envvar="PODNOTES_INDEX",
              default=default_index, show_default="var/index", help="Where the Whoosh index lives.")
@click.version_option(package_name="podnotes")
@click.pass_context
def cli(ctx: click.Context, corpus: Path, index: Path) -> None:
    """podnotes: full-text search over podcast episode notes."""
    ctx.obj = Config(corpus, index)


def _progress_printer(label: str):
    """A one-line progress display on a terminal; silent in pipes."""
    if not sys.stderr.isatty():
        return None
    count = {"n": 0}

    def show(what: str) -> None:
        count["n"] += 1
        click.echo(f"\r{label} {count['n']}: {what[-60:]:<60}", nl=False, err=True)

    return show


@contextlib.contextmanager
def _progress_bar(label: str):
    """A click progress bar on a terminal (fed `(done, total)` callbacks); nothing in pipes."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@cli.command()
@click.argument("source")
@friendly_errors
def parse(source: str) -> None:
    """Print the normalized document(s) of one page, text file or feed as JSON (writes nothing)."""
    if is_url(source):
        from indexer.importer import fetch_result

        result = fetch_result(source, cache_dir=None)
    else:
        result = parse_path(source)
    for warning in result.warnings:
        click.echo(f"warning: {result.location}: {warning}", err=True)
    if not result.ok:
        raise click.ClickException(f"{result.location}: {result.error}")
    docs = [ep.to_dict() for ep in result.episodes]
    is_feed = any(ep.source and ep.source.kind == "feed" for ep in result.episodes) or len(docs) > 1
    click.echo(json.dumps(docs if is_feed else docs[0], ensure_ascii=False, indent=2))


def _not_nan(ctx: click.Context, param: click.Parameter, value: float) -> float:
    # FloatRange lets NaN through (every comparison with it is false), and a pacer cannot wait NaN seconds
    if math.isnan(value):
        raise click.BadParameter("must be a number of seconds")
    return value


@cli.command("import")
@click.argument("sources", nargs=-1)
@click.option("--crawl", "crawl_url", help="Crawl this site for episode pages (sitemap and in-site links).")
@click.option("--delay", type=click.FloatRange(0, 3600), default=1.0, show_default=True, callback=_not_nan,
              help="Seconds between requests to the site.")
@click.option("--concurrency", type=click.IntRange(1, 8), default=2, show_default=True)
@click.option("--max-pages", type=click.IntRange(1, 100_000), default=500, show_default=True)
@click.option("--index/--no-index", "update_index", default=True, show_default=True,
              help="Bring the index up to date afterwards.")
@click.pass_obj
@friendly_errors
def import_(cfg: Config, sources: tuple[str, ...], crawl_url: str | None, delay: float, concurrency: int,
            max_pages: int, update_index: bool) -> None:
    """Store the documents of files, folders, page or feed URLs in the corpus."""
    if not sources and not crawl_url:
        raise click.UsageError("give at least one SOURCE or --crawl URL")
    cache_dir = cfg.index_dir.parent / "http-cache"
    report = import_sources(sources, cfg.corpus, cache_dir=cache_dir, progress=_progress_printer("importing"))
    if crawl_url:
        crawled = import_crawl(crawl_url, cfg.corpus, cache_dir=cache_dir, delay=delay, concurrency=concurrency,
                               max_pages=max_pages, progress=_progress_printer("crawling"))
        report.outcomes.extend(crawled.outcomes)
    if sys.stderr.isatty():
        click.echo("", err=True)
    _print_report(report)
    if update_index and (report.changed_ids or not cfg.index.exists()):
        with _progress_bar("indexing") as progress:
            sync = cfg.index.sync(cfg.corpus.documents(), progress)
        click.echo(f"index: {len(sync.added)} added, {len(sync.updated)} updated, {len(sync.deleted)} deleted")
    if report.failed:
        sys.exit(1)


def _print_report(report: ImportReport) -> None:
    for outcome in report.outcomes:
        for warning in outcome.warnings:
            click.echo(f"warning: {outcome.source}: {warning}", err=True)
        if outcome.status == "failed":
            click.echo(f"failed: {outcome.source}: {outcome.reason}", err=True)
        elif outcome.status != "unchanged":
            click.echo(f"{outcome.status}: {outcome.episode_id} ({outcome.source})")
    counts = report.counts()
    click.echo(", ".join(f"{n} {status}" for status, n in counts.items()))


@cli.command()
@click.option("--rebuild", is_flag=True, help="Build a fresh index beside the old one and swap it in.")
@click.pass_obj
@friendly_errors
def index(cfg: Config, rebuild: bool) -> None:
    """Bring the index up to date with the corpus, touching only what changed."""
    documents = list(cfg.corpus.documents())
    ix = cfg.index
    with _progress_bar("indexing") as progress:
        report = ix.rebuild(documents, progress) if rebuild else ix.sync(documents, progress)
    verb = "rebuilt" if report.rebuilt else "updated"
    click.echo(f"index {verb}: {len(report.added)} added, {len(report.updated)} updated, "
               f"{len(report.deleted)} deleted, {report.unchanged} unchanged ({cfg.index_dir})")


@cli.command()
@click.argument("query", default="")
@click.option("--guest", multiple=True)
@click.option("--type", "type_", multiple=True)
@click.option("--topic", multiple=True)
@click.option("--podcast", multiple=True)
@click.option("--year", multiple=True)
@click.option("--from", "date_from")
@click.option("--to", "date_to")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--limit", default="10", show_default=True)
@click.option("--page", default="1", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON result shape of /api/search.")
@click.pass_obj
@friendly_errors
def search(cfg: Config, query: str, guest, type_, topic, podcast, year, date_from, date_to, sort, limit, page,
           as_json: bool) -> None:
    """Search the index (an empty QUERY with filters browses, newest first)."""
    params = {"q": [query], "guest": list(guest), "type": list(type_), "topic": list(topic),
              "podcast": list(podcast), "year": list(year), "from": [date_from] if date_from else [],
              "to": [date_to] if date_to else [], "sort": [sort], "limit": [str(limit)], "page": [str(page)]}
    req = SearchRequest.from_params(lambda name: params.get(name, []))
    _ensure_index(cfg)
    result = Library(cfg.index).search(req)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    _print_results(result)


def _terminal_marks(snippet: str) -> str:
    import html

    parts = re.split(r"</?mark>", snippet)
    return "".join(click.style(html.unescape(p), bold=True) if i % 2 else html.unescape(p)
                   for i, p in enumerate(parts))


def _print_results(result: dict) -> None:
    note = f" (did you mean: {result['suggestion']})" if result.get("suggestion") else ""
    click.echo(f"{result['total']} episode(s), page {result['page']}, {result['took_ms']} ms{note}")
    first = (result["page"] - 1) * result["per_page"]
    for n, hit in enumerate(result["hits"], first + 1):
        ep = hit["episode"]
        show = f"{ep['podcast'] or ''} #{ep['number']}" if ep.get("number") is not None else (ep["podcast"] or "")
        click.echo(f"\n{n}. {click.style(ep['title'], bold=True)} — {show} ({ep['date'] or 'undated'}) [{ep['id']}]")
        if ep["guests"]:
            click.echo(f"   with {', '.join(ep['guests'])}")
        for match in hit["matches"]:
            at = f" @{format_timestamp(match['t'])}" if match.get("t") is not None else ""
            click.echo(f"   [{match['kind']}{at}] {_terminal_marks(match['text'])}")
    for name in FACETS:
        values = result["facets"].get(name) or []
        if values:
            shown = ", ".join(f"{v['value']} ({v['count']})" for v in values[:8])
            click.echo(f"\n{name}: {shown}" if name == FACETS[0] else f"{name}: {shown}")


def _ensure_index(cfg: Config) -> None:
    """Build the index from the corpus when there is none yet (a fresh checkout)."""
    if not cfg.index.exists():
        click.echo(f"building the index from {cfg.corpus_dir} …", err=True)
        cfg.index.sync(cfg.corpus.documents())


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, envvar="PODNOTES_HOST")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, envvar="PODNOTES_PORT")
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True)
@click.pass_obj
@friendly_errors
def serve(cfg: Config, host: str, port: int, threads: int) -> None:
    """Serve the web UI and JSON API with waitress (a production WSGI server)."""
    import waitress

    from search_app import create_app

    _ensure_index(cfg)
    app = create_app({"PODNOTES_INDEX": str(cfg.index_dir), "PODNOTES_CORPUS": str(cfg.corpus_dir)})
    try:  # bind before saying "serving": a port in use or a bad host is the user's one-line error
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="podnotes")
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}") from None
    click.echo(f"podnotes: serving http://{host}:{port}/ (index {cfg.index_dir})", err=True)
    logging.basicConfig()  # as waitress.serve does: the server's and the app's errors reach stderr
    server.run()


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@friendly_errors
def stats(cfg: Config, as_json: bool) -> None:
    """Episodes, passages, guests, items by type, index size and age."""
    _ensure_index(cfg)
    data = Library(cfg.index).stats()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "none"
        click.echo(f"{key.replace('_', ' ')}: {value}")


@cli.command()
@click.pass_obj
@friendly_errors
def export(cfg: Config) -> None:
    """The corpus as JSON Lines on stdout."""
    for doc in cfg.corpus.documents():
        click.echo(json.dumps(doc, ensure_ascii=False))


def main() -> None:
    cli(prog_name="podnotes")


if __name__ == "__main__":
    main()
