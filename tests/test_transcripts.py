"""Transcript pages (the real lexfridman.com ones in ../shared/data/pages) and SRT / VTT / JSON timed text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from indexer.parse import parse_bytes
from indexer.timedtext import parse_chapters_json, parse_srt, parse_transcript_file, parse_vtt
from indexer.transcripts import looks_like_transcript_page, parse_transcript_page, split_title

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "pages"
EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "000_d6705ca9813b8c93.txt"


@pytest.fixture(scope="module")
def pages() -> Path:
    if not PAGES.is_dir():
        pytest.skip("../shared/data/pages is not present")
    return PAGES


def parse_page(folder: Path, name: str):
    path = folder / name
    result = parse_bytes(path.read_bytes(), str(path))
    assert result.ok, result.error
    assert len(result.episodes) == 1
    return result.episodes[0]


def test_steinberger_transcript(pages):
    ep = parse_page(pages, "lexfridman_491_peter_steinberger_transcript.html")
    assert (ep.id, ep.podcast, ep.number) == ("lex-fridman-podcast-491", "Lex Fridman Podcast", 491)
    assert ep.title == "OpenClaw: The Viral AI Agent that Broke the Internet"
    assert [g.name for g in ep.guests] == ["Peter Steinberger"]
    assert (ep.host, ep.date, ep.url) == ("Lex Fridman", "2026-02-12", "https://lexfridman.com/peter-steinberger-transcript/")
    assert len(ep.chapters) == 21
    assert (ep.chapters[1].t, ep.chapters[1].title) == (90, "Introduction")
    assert (ep.chapters[-1].t, ep.chapters[-1].title) == (11577, "Future of OpenClaw community")
    assert len(ep.transcript) == 779
    first, second = ep.transcript[:2]
    assert (first.t, first.speaker) == (0, "Peter Steinberger")
    assert first.text.startswith("I watched my agent happily click the “I’m not a robot” button.")
    assert (second.t, second.speaker, second.text) == (31, "Lex Fridman", "You prefer agentic engineering?")
    assert ep.source.kind == "html"


def test_jensen_huang_transcript_keeps_the_dash_in_the_title(pages):
    ep = parse_page(pages, "lexfridman_494_jensen_huang_transcript.html")
    assert (ep.id, ep.number) == ("lex-fridman-podcast-494", 494)
    assert ep.title == "Jensen Huang: NVIDIA - The $4 Trillion Company & the AI Revolution"
    assert [g.name for g in ep.guests] == ["Jensen Huang"]
    assert (ep.chapters[0].t, ep.chapters[0].title) == (0, "Introduction")
    assert ep.transcript[0].text.startswith("The following is a conversation with Jensen Huang")


def test_debate_transcript_has_every_speaker_and_no_chrome(pages):
    started = time.perf_counter()
    ep = parse_page(pages, "lexfridman_418_israel_palestine_debate_transcript.html")
    assert time.perf_counter() - started < 3.0  # a 1 MB page
    assert ep.title == "Israel-Palestine Debate: Finkelstein, Destiny, M. Rabbani & Benny Morris"
    assert [g.name for g in ep.guests] == ["Benny Morris", "Norman Finkelstein", "Steven Bonnell", "Mouin Rabbani"]
    assert [c.title for c in ep.chapters] == ["Introduction", "1948", "Partition", "October 7", "Gaza", "Peace",
                                              "Hope for the future"]
    assert ep.chapters[2].t == 3794
    last = ep.transcript[-1]
    assert (last.t, last.speaker) == (17801, None)  # the page leaves the closing words unattributed
    assert last.text.startswith("Thanks for listening to this conversation")
    everything = " ".join(s.text for s in ep.transcript)
    for chrome in ("This entry was posted in", "Post navigation", "Kimbal Musk", "Go back to this episode"):
        assert chrome not in everything


def test_only_transcript_pages_look_like_transcripts(pages):
    for name in ("lexfridman_418_israel_palestine_debate_transcript.html",
                 "lexfridman_491_peter_steinberger_transcript.html", "lexfridman_494_jensen_huang_transcript.html"):
        assert looks_like_transcript_page((pages / name).read_bytes())
    assert not looks_like_transcript_page((pages / "lexfridman_podcast_index_2022.html").read_bytes())
    for text in pages.glob("*.txt"):
        assert not looks_like_transcript_page(text.read_bytes()), text.name
    if EXAMPLE.is_file():
        assert not looks_like_transcript_page(EXAMPLE.read_bytes())


def test_a_notes_page_with_a_chapter_list_is_not_a_transcript():
    chapters = "".join(f"<p>({m:02d}:00) Topic number {m}</p>" for m in range(40))
    assert not looks_like_transcript_page(f"<html><title>Ep 5 notes</title><body>{chapters}</body></html>".encode())


def test_generic_transcript_markup():
    turns = "".join(
        f"<p><b>{'Host Person' if i % 2 else 'Guest Person'}</b> [00:{i:02d}:10] Turn number {i} of the talk.</p>"
        for i in range(25)
    )
    page = (f"<html><head><title>Talk 12 transcript - Example Cast</title></head><body><nav>Menu Home</nav>"
            f"<article><h2>Opening</h2>{turns}</article><div class='comments'>Nice!</div></body></html>").encode()
    assert looks_like_transcript_page(page)
    result = parse_transcript_page(page, "talk.html")
    ep = result.episodes[0]
    assert len(ep.transcript) == 25
    assert (ep.transcript[3].t, ep.transcript[3].speaker, ep.transcript[3].text) == (190, "Host Person",
                                                                                    "Turn number 3 of the talk.")
    assert [(c.t, c.title) for c in ep.chapters] == [(10, "Opening")]  # from the section heading


def test_page_without_turns_fails_clearly():
    result = parse_transcript_page(b"<html><title>Transcript</title><body><p>Soon.</p></body></html>", "x.html")
    assert not result.ok and "transcript turns" in result.error


def test_split_title_forms():
    assert split_title("Transcript for Big Ideas – Ada Lovelace | Engines Podcast #7 – Engines", "Engines") == (
        "Big Ideas", "Engines Podcast", 7, "Ada Lovelace")
    assert split_title("Transcript: Small talk", None) == ("Small talk", None, None, None)


def test_vtt_voices_and_merging():
    vtt = ("WEBVTT\n\nNOTE a comment\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hello <i>there</i>.\n\n"
           "intro-2\n00:00:02.000 --> 00:00:03.000\n<v Ann>Still me.\n\n"
           "00:01:05.500 --> 00:01:07.000 align:start\n<v.loud Bob>Hi Ann &amp; all.</v>\n")
    assert [(s.t, s.speaker, s.text) for s in parse_vtt(vtt)] == [
        (1, "Ann", "Hello there. Still me."), (65, "Bob", "Hi Ann & all."),
    ]


def test_srt_speakers_and_crlf():
    srt = ("1\r\n00:00:00,000 --> 00:00:02,000\r\n[Ann] One.\r\n\r\n"
           "2\r\n01:00:00,000 --> 01:00:01,000\r\nNo speaker here\r\n")
    assert [(s.t, s.speaker, s.text) for s in parse_srt(srt)] == [(0, "Ann", "One."), (3600, None, "No speaker here")]


def test_transcript_file_kinds_and_errors():
    json_doc = b'{"version":"1.0.0","segments":[{"speaker":"A","startTime":"12.5","body":"x"},{"body":""}]}'
    assert [(s.t, s.speaker, s.text) for s in parse_transcript_file(json_doc, "application/json")] == [(12, "A", "x")]
    with pytest.raises(ValueError, match="invalid JSON transcript"):
        parse_transcript_file(b"{nope", "application/json")
    with pytest.raises(ValueError, match="unsupported transcript type"):
        parse_transcript_file(b"<html>hi</html>", "text/html", "t.html")


def test_chapters_json_skips_silent_markers_and_sorts():
    doc = ('{"version":"1.2.0","chapters":[{"startTime":60,"title":"Two"},{"startTime":0,"title":"One"},'
           '{"startTime":30,"title":"Ad","toc":false},{"startTime":90}]}')
    assert [(c.t, c.title) for c in parse_chapters_json(doc)] == [(0, "One"), (60, "Two")]
