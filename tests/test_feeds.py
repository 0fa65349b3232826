"""Podcast feeds: the real feeds in ../shared/data/feeds and small fixture feeds for the podcast namespace."""

from __future__ import annotations

import functools
import socket
import time
from pathlib import Path

import pytest

from indexer.feeds import parse_feed, show_key
from indexer.feedtitles import guests_from_title, looks_like_name, number_from_title, numbers_from_title
from indexer.feedvalues import feed_duration
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


# --------------------------------------------------------------------------- fixture feeds of fictional shows


def parse_fixture(name: str, **kwargs):
    path = FIXTURES / name
    if kwargs:
        return parse_feed(path.read_bytes(), str(path), **kwargs)
    return parse_bytes(path.read_bytes(), str(path))


def test_atom_feed_with_enclosure_links():
    result = parse_fixture("atom.xml")
    assert result.ok, result.error
    twelve, eleven = result.episodes
    assert (twelve.id, twelve.podcast, twelve.number, twelve.host) == ("quiet-hours-12", "Quiet Hours", 12,
                                                                       "Marta Velloso")
    assert twelve.title == "Night Trains, with Tomasz Wierzba"
    assert [g.name for g in twelve.guests] == ["Tomasz Wierzba"]
    assert (twelve.date, twelve.duration_s) == ("2024-03-26", 3127)  # the publisher's own day, not UTC's
    assert twelve.media_url == "https://media.quiet-hours.example/qh-012.mp3"
    assert twelve.url == "https://quiet-hours.example/episodes/12-night-trains"
    assert twelve.summary == "Sleeper carriages, timetables and the romance of the night train."
    assert twelve.gist == "Tomasz Wierzba has ridden every sleeper train left in Europe."
    assert twelve.topics == ["travel", "rail"]
    assert [(c.t, c.title) for c in twelve.chapters] == [(0, "Cold open"), (195, "Why night trains came back"),
                                                         (2510, "The Lisbon sleeper")]
    # an html-typed title escaped twice, an entry with only <updated>, an xhtml content element
    assert (eleven.number, eleven.title, eleven.date) == (11, "Lighthouse Keepers & Their Logs", "2024-03-12")
    assert eleven.media_url == "https://media.quiet-hours.example/qh-011.m4a"
    assert eleven.summary == "What the keepers wrote down, night after night."


def test_rss_numbers_seasons_durations_dates_and_notes():
    result = parse_fixture("variants.xml")
    assert result.ok and result.warnings == []
    by_id = {e.id: e for e in result.episodes}
    assert list(by_id) == ["kettle-coil-s2-12", "kettle-coil-s2-13", "kettle-coil-s2-14", "kettle-coil-kc-bonus-ama"]
    twelve, thirteen, fourteen, bonus = result.episodes
    assert [e.number for e in result.episodes] == [12, 13, 14, None]
    assert [e.title for e in result.episodes] == [
        "The Valve Amplifier Nobody Wanted", "Crystal Sets & Foxhole Radios", "Tea Chemistry With A Thermocouple",
        "Bonus: Ask Us Anything"]
    assert [e.duration_s for e in result.episodes] == [47 * 60 + 5, 3723, 3725, 3900]
    assert [e.date for e in result.episodes] == ["2024-03-03", "2024-03-17", None, "2024-03-31"]
    assert all(e.podcast == "Kettle & Coil" and e.host == "Priya Castellanos & Joon Oduya" for e in result.episodes)
    # CDATA notes with a "Timestamps" paragraph: lead, bracketed, parenthesised and trailing times
    assert twelve.summary == ("We rescue a 1958 valve amplifier from a skip & try to make it sing. "
                              "Tea: a smoky lapsang.")
    assert [(c.t, c.title) for c in twelve.chapters] == [
        (0, "Intro"), (161, "The skip find"), (849, "Replacing the capacitors"), (1890, "The first power-on"),
        (2695, "Listener mail")]
    # entity-escaped HTML notes with an ordered "Chapters" list and a numeric character reference
    assert [(c.t, c.title) for c in thirteen.chapters] == [(0, "Hello again"), (330, "Cat’s whiskers"),
                                                           (3670, "Goodbye")]
    assert fourteen.summary == "We measure a steeping curve. No timestamps this week." and fourteen.chapters == []
    assert bonus.summary == "Your questions about soldering irons & kettles."  # `&amp;amp;` read as `&`


def test_podcast_namespace_persons_files_and_html_transcripts():
    result = parse_fixture("namespace.xml")
    assert result.ok, result.error
    seven, six, five, four = result.episodes
    assert [e.host for e in result.episodes] == ["Inès Halvorsen", "Inès Halvorsen", "Inès Halvorsen, Ruairí Doyle",
                                                 "Inès Halvorsen"]  # channel-level person, co-host on #5
    assert [g.name for g in seven.guests] == ["Dr. Chidi Okafor", "Maren Solberg"]
    assert [g.name for g in five.guests] == ["Agnes Lindqvist"]
    # local JSON chapters: fractional start times, a toc:false marker left out
    assert [(c.t, c.title) for c in seven.chapters] == [(0, "Cold open"), (62, "What blue carbon means"),
                                                        (1340, "Measuring a core sample")]
    # VTT preferred over an HTML transcript on another host (which a local feed does not fetch anyway)
    assert [(s.t, s.speaker, s.text) for s in seven.transcript] == [
        (0, "Inès Halvorsen", "Welcome back to Tidewater Signals. Today, mud."),
        (62, "Dr. Chidi Okafor", "Blue carbon is the carbon that coastal plants bury in their sediments.")]
    # the unreachable chapters URL warns; the notes' own timestamps stand in for it
    assert any("chapters.tidewater.invalid/tw-6.json not fetched" in w for w in result.warnings)
    assert [(c.t, c.title) for c in six.chapters] == [(0, "Hello"), (750, "The moon's pull"), (1265, "Diurnal coasts")]
    # SRT with CRLF: cues twelve minutes apart stay separate passages
    assert [(s.t, s.speaker, s.text) for s in six.transcript] == [
        (0, "Inès Halvorsen", "Tides are a clock."), (750, "Inès Halvorsen", "The moon pulls the sea into two bulges.")]
    assert [(s.t, s.speaker, s.text) for s in five.transcript] == [
        (0, "Inès Halvorsen", "This is Tidewater Signals. I'm here with Ruairí."),
        (75, "Agnes Lindqvist", "A reef takes the energy out of a wave."),
        (1900, None, "Tidewater Signals is listener supported.")]
    # a text/html transcript is read as a transcript page; its nav and footer stay out
    assert [(s.t, s.speaker) for s in four.transcript] == [(0, "Inès Halvorsen"), (41, "Sol Amaru"),
                                                           (133, "Inès Halvorsen")]
    assert four.transcript[2].text == "It sounds like bacon frying."
    assert four.duration_s is None


def test_unreachable_chapters_url_warns_once_per_host_and_keeps_the_notes_chapters():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    feed = f"""<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>
      <title>Far Away</title>
      <item><title>One</title><guid>1</guid>
        <podcast:chapters url="http://127.0.0.1:{port}/c1.json" type="application/json+chapters"/>
        <description><![CDATA[<p>00:00 Start<br>05:00 Later<br>09:30 End</p>]]></description></item>
      <item><title>Two</title><guid>2</guid>
        <podcast:chapters url="http://127.0.0.1:{port}/c2.json" type="application/json+chapters"/></item>
    </channel></rss>""".encode()
    result = parse_feed(feed, "https://far.example/feed.xml", fetch_resources=True)
    assert result.ok and len(result.episodes) == 2
    one, two = result.episodes
    assert [(c.t, c.title) for c in one.chapters] == [(0, "Start"), (300, "Later"), (570, "End")]
    assert two.chapters == []
    assert any(w.startswith(f"One: could not fetch http://127.0.0.1:{port}/c1.json") for w in result.warnings)
    assert any(w.startswith("Two:") and "did not answer earlier" in w for w in result.warnings)


def test_items_without_guids_or_titles():
    result = parse_fixture("no_guids.xml")
    assert result.ok
    ids = [e.id for e in result.episodes]
    # every item links the show's home page: the enclosure tells them apart, stably across re-imports
    assert ids == ["porch-light-radio-2024-fireflies-mp3", "porch-light-radio-2024-cicadas-mp3",
                   "porch-light-radio-2024-minisode-moths-mp3"]
    untitled = result.episodes[2]
    assert untitled.title == "A short one about moths that drink tears."
    assert (untitled.date, untitled.duration_s) == ("2024-05-31", 302)
    assert any("has no title" in w and "minisode-moths.mp3" in w for w in result.warnings)
    assert all(e.url is None for e in result.episodes)  # the show page is no episode's page


def test_feed_without_items_fails_clearly():
    result = parse_fixture("empty.xml")
    assert not result.ok and result.episodes == []
    assert result.error == "'Coming Soon FM' has no episodes: no <item> or <entry> elements"
    atom = parse_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Nothing Yet</title></feed>', "a.atom")
    assert not atom.ok and "'Nothing Yet' has no episodes" in atom.error


def test_truncated_feed_keeps_complete_items_and_names_the_line():
    result = parse_fixture("truncated.xml")
    assert result.ok
    assert [e.id for e in result.episodes] == ["kettle-coil-s2-12", "kettle-coil-s2-13"]
    assert result.episodes[0].host == "Priya Castellanos & Joon Oduya"  # lenient parsing still decodes entities
    assert len(result.episodes[1].chapters) == 3
    assert any(w.startswith("feed is not well-formed, read leniently: line 39") for w in result.warnings)
    assert any("Episode 14 | Tea Chemistry" in w and "cut off" in w for w in result.warnings)
    cut_early = (FIXTURES / "variants.xml").read_bytes()[:400]
    failed = parse_feed(cut_early, "early.xml")
    assert not failed.ok and "has no episodes" in failed.error and "line " in failed.error


def test_huge_description_is_read_in_bounded_time():
    para = "<p>" + "Long rambling notes about tide pools and the crabs that live in them. " * 40 + "</p>\n"
    notes = para * 1000 + "<p>Chapters</p><p>00:00 Start<br>10:00 Middle<br>1:00:00 End</p>"
    assert len(notes) > 2_000_000
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big Notes</title>'
            f'<item><title>#1 - Everything</title><guid>b1</guid><description><![CDATA[{notes}]]></description>'
            f'</item><item><title>#2 - Less</title><guid>b2</guid><description>Short.</description></item>'
            f'</channel></rss>').encode()
    started = time.perf_counter()
    result = parse_feed(feed, "big.xml")
    assert time.perf_counter() - started < 10.0
    one, two = result.episodes
    assert len(one.summary) <= 300 and one.summary.startswith("Long rambling notes about tide pools")
    assert 100_000 < len(one.gist) <= 200_000
    assert [(c.t, c.title) for c in one.chapters] == [(0, "Start"), (600, "Middle"), (3600, "End")]
    assert (two.number, two.summary) == (2, "Short.")


@pytest.mark.parametrize(("value", "seconds"), [
    ("47:05", 2825), ("1:02:03", 3723), ("3725", 3725), ("1h 5m", 3900), ("125:30", 7530), ("3725.5", 3725),
    ("01:02:03.500", 3723), ("0", None), ("00:00:00", None), ("", None), ("soon", None), ("45 mins", 2700),
])
def test_itunes_duration_forms(value, seconds):
    assert feed_duration(value) == seconds


@pytest.mark.parametrize(("title", "season", "number", "rest"), [
    ("Ep. 12: Night Trains", None, 12, "Night Trains"),
    ("#12 - Night Trains", None, 12, "Night Trains"),
    ("Episode 12 | Night Trains", None, 12, "Night Trains"),
    ("[Ep. 12] Night Trains", None, 12, "Night Trains"),
    ("S2E12: Night Trains", 2, 12, "Night Trains"),
    ("Night Trains | Ep. 12", None, 12, "Night Trains"),
    ("Night Trains (Episode 12)", None, 12, "Night Trains"),
    ("2024: The Year in Trains", None, None, "2024: The Year in Trains"),
    ("Catch-22 on Rails", None, None, "Catch-22 on Rails"),
])
def test_numbers_from_title_forms(title, season, number, rest):
    assert numbers_from_title(title) == (season, number, rest)


def test_odd_dates_and_titles_in_items():
    items = "".join(
        f"<item><title>{title}</title><guid>g{i}</guid>{date}</item>"
        for i, (title, date) in enumerate([
            ("One &amp;amp; Only", "<pubDate>Mon, 3 Mar 2024 10:00:00 GMT</pubDate>"),
            ("Two", "<pubDate>2024-03-03T23:30:00-05:00</pubDate>"),
            ("Three", "<pubDate>Sun, 3 Mar 24 10:00:00 GMT</pubDate>"),
            ("Four", "<pubDate>next Tuesday</pubDate>"),
            ("Five", ""),
        ]))
    result = parse_feed(f'<rss version="2.0"><channel><title>Dates</title>{items}</channel></rss>'.encode(), "d.xml")
    assert [e.date for e in result.episodes] == ["2024-03-03", "2024-03-03", "2024-03-03", None, None]
    assert result.episodes[0].title == "One & Only"
