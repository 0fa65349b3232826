"""Transcript pages (the real lexfridman.com ones in ../shared/data/pages) and SRT / VTT / JSON timed text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from indexer.document import Segment
from indexer.parse import parse_bytes
from indexer.timedtext import (
    looks_like_transcript_text,
    parse_chapters_json,
    parse_srt,
    parse_transcript_file,
    parse_vtt,
    text_segments,
)
from indexer.transcripts import looks_like_transcript_page, parse_transcript_page, parse_transcript_text, split_title

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


# --------------------------------------------------------------------------- other layouts (fictional shows)

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "transcripts"


def test_descript_style_export_with_bracketed_times_and_a_chapter_list():
    data = (LAYOUTS / "descript_export.html").read_bytes()
    assert looks_like_transcript_page(data)
    ep = parse_page(LAYOUTS, "descript_export.html")
    assert (ep.id, ep.podcast, ep.number, ep.title) == ("the-crumb-report-27", "The Crumb Report", 27,
                                                         "Bread Before Dawn")
    assert (ep.host, ep.date, ep.url) == ("Hana Whitcombe", "2023-11-08",
                                          "https://crumbreport.example/episodes/27/transcript")
    assert [g.name for g in ep.guests] == ["Bruno Aldana-Fisk"]
    assert [(c.t, c.title) for c in ep.chapters] == [(0, "Cold open"), (118, "Why bakers start at 3 a.m."),
                                                     (400, "Levain, explained"),
                                                     (615, "The oven that came from a submarine")]
    assert len(ep.transcript) == 12
    assert (ep.transcript[4].t, ep.transcript[4].speaker) == (130, "Bruno Aldana-Fisk")
    assert ep.transcript[4].text.startswith("Because the dough has its own clock.")
    assert (ep.transcript[-1].t, ep.transcript[-1].text) == (640, "I can't, but I'd like to.")
    everything = " ".join(s.text for s in ep.transcript)
    assert "cookies" not in everything and "automatic tool" not in everything


def test_otter_style_speaker_header_over_paragraphs():
    data = (LAYOUTS / "otter_style.html").read_bytes()
    assert looks_like_transcript_page(data)  # few turns, but the canonical URL says transcript
    ep = parse_page(LAYOUTS, "otter_style.html")
    assert (ep.id, ep.podcast, ep.number, ep.title) == ("the-garage-hour-41", "The Garage Hour", 41,
                                                         "Small Engines, Big Feelings")
    assert (ep.host, ep.date) == ("Luis Ferreira-Blake", "2024-02-19")  # the one who says the show's name
    assert [g.name for g in ep.guests] == ["Wren Takahashi"]
    assert [(s.t, s.speaker) for s in ep.transcript] == [
        (0, "Luis Ferreira-Blake"), (19, "Wren Takahashi"), (31, "Luis Ferreira-Blake"), (242, "Wren Takahashi"),
        (250, "Luis Ferreira-Blake"), (3735, "Wren Takahashi")]
    assert ep.transcript[0].text.startswith("Okay, we're rolling.")
    assert ep.transcript[0].text.endswith("never once started on the first pull.")
    assert ep.transcript[1].text == ("Never once. I've watched him. It's like a ritual. "
                                     "He pulls, he swears, he pulls again.")
    assert [(c.t, c.title) for c in ep.chapters] == [(0, "The lawnmower that would not start"),
                                                     (242, "Spark, fuel, air")]
    assert "great episode" not in " ".join(s.text for s in ep.transcript)  # the comments stay out


def test_plain_text_transcript_with_times_first():
    data = (LAYOUTS / "plain_transcript.txt").read_bytes()
    assert looks_like_transcript_text(data.decode("utf-8"), min_turns=5)
    result = parse_transcript_text(data, "plain_transcript.txt")
    assert result.ok and result.warnings == []
    ep = result.episodes[0]
    assert (ep.id, ep.podcast, ep.number, ep.title) == ("ledger-lines-9", "Ledger Lines", 9,
                                                         "Counting Sheep (Literally)")
    assert (ep.host, [g.name for g in ep.guests]) == ("Petra Novakova", ["Gethin Rowlands"])
    assert [(c.t, c.title) for c in ep.chapters] == [(0, "Welcome"), (200, "A census of the hill farm"),
                                                     (705, "Why sheep numbers lie")]
    assert len(ep.transcript) == 7
    # a turn wrapped onto a second line keeps its words
    assert (ep.transcript[1].t, ep.transcript[1].text) == (
        11, "Today we are on a hill farm in the rain, counting sheep, and I mean that literally.")
    assert (ep.transcript[6].t, ep.transcript[6].speaker) == (712, "Gethin Rowlands")


def test_bare_times_over_paragraphs_and_text_segments():
    text = "\n".join(f"Starting point is 00:{m:02d}:00\nWords spoken in minute {m}." for m in range(25))
    assert looks_like_transcript_text(text)
    segments = text_segments(text)
    assert len(segments) == 25
    assert (segments[3].t, segments[3].speaker, segments[3].text) == (180, None, "Words spoken in minute 3.")
    assert text_segments("Ann  0:00\nHello.\nBob  0:05\nHi.\nAnn  0:09\nBye.\nBob  0:12\nBye!") == [
        Segment(t=0, speaker="Ann", text="Hello."), Segment(t=5, speaker="Bob", text="Hi."),
        Segment(t=9, speaker="Ann", text="Bye."), Segment(t=12, speaker="Bob", text="Bye!")]


def test_title_forms_of_other_sites():
    assert split_title("The Crumb Report Ep. 27: Bread Before Dawn (Transcript)", None) == (
        "Bread Before Dawn", "The Crumb Report", 27, None)
    assert split_title("Small Engines, Big Feelings #41 – The Garage Hour", "The Garage Hour") == (
        "Small Engines, Big Feelings", "The Garage Hour", 41, None)
    assert split_title("Episode 9: Counting Sheep - Full Transcript", "Ledger Lines") == (
        "Counting Sheep", "Ledger Lines", 9, None)
    assert split_title("Counting Sheep | Ledger Lines", None) == ("Counting Sheep", "Ledger Lines", None, None)


def test_chapter_lists_in_text_are_not_conversations():
    chapters = "\n".join(f"00:{m:02d}:00 Topic number {m}: a subtitle" for m in range(30))
    assert not looks_like_transcript_text(chapters)
    headers = "\n".join(f"Part {m} ({m}:00)" for m in range(30))
    assert not looks_like_transcript_text(headers)


def test_dispatcher_sends_long_plain_text_transcripts_to_the_transcript_parser():
    from indexer.parse import parse_bytes

    lines = ["Ledger Lines, Episode 9: Counting Sheep — transcript", ""]
    for n in range(30):
        speaker = ("Ann Example", "Bo Sample")[n % 2]
        lines.append(f"00:{n:02d}:05 {speaker}: Line number {n} about counting sheep at night.")
    result = parse_bytes("\n".join(lines).encode(), "episode-9-transcript.txt")
    assert result.ok, result.error
    segments = result.episodes[0].transcript
    assert len(segments) == 30
    assert (segments[1].t, segments[1].speaker) == (65, "Bo Sample")
