"""Podcast feeds: the real feeds in ../shared/data/feeds and small fixture feeds for the podcast namespace."""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest

from indexer.feeds import parse_feed, show_key
from indexer.feedtitles import guests_from_title, looks_like_name, number_from_title
from indexer.parse import parse_bytes

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
FEEDS = SHARED / "feeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feeds"
VALID = [
    "all_in.xml", "hard_fork.xml", "jon_stewart.xml", "land_of_the_giants.xml", "lennys_podcast.xml",
    "making_sense.xml", "the_talk_show.xml", "this_american_life.xml", "this_american_life_updated.xml",
    "unexplainable.xml",
]


@pytest.fixture(scope="module")
def shared_feeds() -> Path:
    if not FEEDS.is_dir():
        pytest.skip("../shared/data/feeds is not present")
    return FEEDS


@functools.cache
def parse_shared(folder: Path, name: str):
    """Parsed once per test run: the big feeds take seconds and no test mutates the result."""
    path = folder / name
    return parse_bytes(path.read_bytes(), str(path))


@pytest.mark.parametrize("name", VALID)
def test_every_real_feed_imports_with_dates_and_durations(shared_feeds, name):
    result = parse_shared(shared_feeds, name)
    assert result.ok, result.error
    episodes = result.episodes
    assert len(episodes) >= 18
    assert all(e.source.kind == "feed" for e in episodes)
    assert len({e.id for e in episodes}) == len(episodes)
    assert all(e.podcast and e.title for e in episodes)
    assert sum(e.date is not None for e in episodes) == len(episodes)
    # two Making Sense bonus items have neither a duration nor an enclosure
    assert sum(e.duration_s is not None for e in episodes) >= len(episodes) - 2
    assert sum(bool(e.media_url and e.media_url.startswith("http")) for e in episodes) >= len(episodes) - 2


def test_feed_fields_map_to_the_document(shared_feeds):
    episodes = {e.id: e for e in parse_shared(shared_feeds, "hard_fork_short.xml").episodes}
    assert list(episodes) == ["hard-fork-116", "hard-fork-115"]
    ep = episodes["hard-fork-116"]
    assert (ep.podcast, ep.number, ep.date, ep.duration_s) == ("Hard Fork", 116, "2025-01-03", 4119)
    assert ep.title == "Our 2025 Tech Predictions and Resolutions + We Answer Your Questions"
    assert ep.host == "The New York Times"
    assert ep.summary == "Next year is going to be different: good and bad, but just different."
    assert ep.gist.startswith("This week, it’s our yearly tech predictions.")
    assert ep.url is None  # every item links the show page, which is not this episode's page
    assert "episodes/8b4d0db5-b850-4289-b61c-ccb5f4a1a357/audio" in ep.media_url


def test_lennys_chapters_and_title_guests(shared_feeds):
    episodes = parse_shared(shared_feeds, "lennys_podcast.xml").episodes
    first = episodes[0]
    assert first.title == "The AI-native startup: 5 products, 7-figure revenue, 100% AI-written code"
    assert [(g.name, g.bio) for g in first.guests] == [("Dan Shipper", "co-founder/CEO of Every")]
    assert (first.chapters[0].t, first.chapters[0].title) == (0, "Welcome and introduction")
    assert (first.chapters[1].t, first.chapters[1].title) == (244, "Hot takes on AI and job reshoring")
    assert first.chapters[-1].t == 5047  # (01:24:07) Lightning round and final thoughts
    assert sum(bool(e.chapters) for e in episodes) >= 30
    two = episodes[1]
    assert [g.name for g in two.guests] == ["Jake Knapp", "John Zeratsky"]


def test_numbers_and_guests_from_titles(shared_feeds):
    talk = parse_shared(shared_feeds, "the_talk_show.xml").episodes[0]
    assert (talk.id, talk.number, talk.title) == (
        "the-talk-show-with-john-gruber-416", 416, "‘A Professional Internet User’, With Vlad Prelovac")
    assert [g.name for g in talk.guests] == ["Vlad Prelovac"]
    sense = parse_shared(shared_feeds, "making_sense.xml").episodes[0]
    assert (sense.number, sense.title, sense.guests) == (422, "Zionism & Jihadism", [])
    jon = {e.title: e for e in parse_shared(shared_feeds, "jon_stewart.xml").episodes}
    assert [g.name for g in jon["Wanted: Democratic Leadership with DNC Chair Ken Martin"].guests] == ["Ken Martin"]


def test_seasons_keep_ids_apart(shared_feeds):
    episodes = parse_shared(shared_feeds, "land_of_the_giants.xml").episodes
    assert episodes[0].id == "land-of-the-giants-s10-6"
    assert len({e.id for e in episodes}) == len(episodes)


def test_invalid_feed_fails_with_a_clear_reason(shared_feeds):
    result = parse_shared(shared_feeds, "game_informer_invalid.xml")
    assert not result.ok and result.episodes == []
    assert "not a podcast feed" in result.error and "<Error>" in result.error
    assert "The specified key does not exist." in result.error


def test_updated_feed_keeps_ids_and_shows_changes(shared_feeds):
    before = {e.id: e for e in parse_shared(shared_feeds, "hard_fork_short.xml").episodes}
    after = {e.id: e for e in parse_shared(shared_feeds, "hard_fork_short_updated.xml").episodes}
    assert set(before) < set(after)
    assert set(after) - set(before) == {"hard-fork-114"}
    assert after["hard-fork-115"].title == "Gear That Lasts a Lifetime Updated"
    assert after["hard-fork-116"].title.startswith("Our 2026 Tech Predictions")
    assert after["hard-fork-116"].podcast == "Hard Fork version 2"  # the retitle is visible, the ids stay


def test_duplicate_guid_and_media_are_warned_not_collapsed(shared_feeds):
    dupe = parse_shared(shared_feeds, "hard_fork_short_updated_dupe_guid.xml")
    assert [e.id for e in dupe.episodes] == ["hard-fork-116", "hard-fork-115", "hard-fork-114"]
    assert "guid 'dupe_guid' is used by 2 items" in dupe.warnings
    media = parse_shared(shared_feeds, "hard_fork_short_updated_dupe_media_url.xml")
    assert len(media.episodes) == 3
    assert any("redirect_dupe.mp3/ is used by 2 items" in w for w in media.warnings)


def test_duplicate_guid_without_numbers_gets_distinct_ids():
    feed = b"""<rss version="2.0"><channel><title>Tiny Show</title>
      <item><title>First talk</title><guid>same</guid><pubDate>Mon, 02 Jun 2025 09:00:00 GMT</pubDate></item>
      <item><title>Second talk</title><guid>same</guid><pubDate>Mon, 09 Jun 2025 09:00:00 GMT</pubDate></item>
    </channel></rss>"""
    result = parse_bytes(feed, "tiny.xml")
    assert result.ok
    assert [e.id for e in result.episodes] == ["tiny-show-same-first-talk", "tiny-show-same-second-talk"]
    assert any("2 items share the id 'tiny-show-same'" in w for w in result.warnings)


def test_all_in_parses_quickly(shared_feeds):
    data = (shared_feeds / "all_in.xml").read_bytes()
    started = time.perf_counter()
    result = parse_feed(data, "all_in.xml")
    assert len(result.episodes) == 321
    assert time.perf_counter() - started < 8.0


def test_podcast_namespace_persons_chapters_and_transcripts():
    path = FIXTURES / "persons.xml"
    result = parse_bytes(path.read_bytes(), str(path))
    assert result.ok, result.error
    three, two, bonus = result.episodes
    assert three.id == "fixture-talks-3" and three.host == "Ada Host"
    assert [g.name for g in three.guests] == ["Grace Hopper", "Chris Lattner"]
    assert [(c.t, c.title) for c in three.chapters] == [(0, "Welcome"), (95, "Why compilers matter"),
                                                        (1830, "LLVM and MLIR")]
    assert [(s.t, s.speaker) for s in three.transcript] == [(0, "Ada Host"), (95, "Grace Hopper")]
    assert three.transcript[0].text == "Welcome to Fixture Talks. Today my guests are Grace and Chris."
    assert three.topics == ["compilers", "LLVM", "parsing"]
    assert (three.duration_s, three.date, three.media_url) == (3725, "2025-06-02", "https://cdn.fixture.example/ft-3.mp3")
    # JSON transcripts are preferred over SRT when an item offers both
    assert [(s.t, s.speaker, s.text) for s in two.transcript] == [(0, "Ada Host", "This is episode two.")]
    assert [g.name for g in two.guests] == ["Niklaus Wirth"]
    assert (two.duration_s, two.title) == (2710, "Parsing by hand, with Niklaus Wirth")
    assert bonus.number is None and bonus.id == "fixture-talks-ft-bonus" and bonus.duration_s == 3723
    assert bonus.chapters == []
    assert any("missing.json not found next to the feed" in w for w in result.warnings)


def test_srt_transcript_when_it_is_the_only_one(tmp_path):
    (tmp_path / "t.srt").write_bytes((FIXTURES / "transcript_2.srt").read_bytes())
    feed = tmp_path / "feed.xml"
    feed.write_bytes(b"""<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>
      <title>Tiny Show</title><item><title>One</title><guid>one</guid>
      <podcast:transcript url="t.srt" type="application/srt"/>
      <podcast:transcript url="../outside.vtt" type="text/vtt"/></item></channel></rss>""")
    (tmp_path.parent / "outside.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Eve>outside\n")
    episode = parse_bytes(feed.read_bytes(), str(feed)).episodes[0]
    assert [(s.t, s.speaker, s.text) for s in episode.transcript] == [
        (0, "Ada Host", "This is episode two."),
        (3, "Niklaus Wirth", "Recursive descent is all you need. Keep grammars small."),
    ]


def test_bozo_feed_is_read_with_a_warning():
    feed = b"""<rss version="2.0"><channel><title>Sloppy & Co</title>
      <item><title>Broken entity &nbsp; here</title><guid>s1</guid><itunes:duration>10:00</itunes:duration></item>
    </channel></rss>"""
    result = parse_feed(feed, "sloppy.xml")
    assert result.ok and len(result.episodes) == 1
    assert any("not well-formed" in w for w in result.warnings)


def test_show_key_survives_retitles_and_taglines():
    assert show_key("Hard Fork version 2", "Hard Fork") == "hard-fork"
    assert show_key("Lenny's Podcast: Product | Growth | Career", None) == "lenny-s-podcast"
    assert show_key(None, None) == "podcast"


@pytest.mark.parametrize(("title", "number", "rest"), [
    ("#422 — Zionism & Jihadism", 422, "Zionism & Jihadism"),
    ("416: ‘A Professional Internet User’", 416, "‘A Professional Internet User’"),
    ("Episode 12 - Twelve", 12, "Twelve"),
    ("E76.5: Food shortage", None, "E76.5: Food shortage"),
    ("2024 in review", None, "2024 in review"),
])
def test_number_from_title(title, number, rest):
    assert number_from_title(title) == (number, rest)


def test_guests_from_title_forms():
    assert [g.name for g in guests_from_title("Ada Lovelace: Engines and Notes")[1]] == ["Ada Lovelace"]
    assert [g.name for g in guests_from_title("Grace Hopper — Compilers")[1]] == ["Grace Hopper"]
    assert [g.name for g in guests_from_title("Democrat Edition with Tim Miller and David Faris")[1]] == [
        "Tim Miller", "David Faris"]
    assert guests_from_title("The Wirecutter Show: Kitchen Gear")[1] == []
    assert guests_from_title("Trump’s Peace Plan: Lessons")[1] == []
    assert not looks_like_name("Additional Reading") and looks_like_name("M. Rabbani Khan")
