"""The shared normalizers: dates, durations, timestamps, link moments, ids."""

from __future__ import annotations

import pytest

from indexer.textutil import episode_id, link_seconds, parse_date, parse_duration, parse_timestamp


@pytest.mark.parametrize(("href", "seconds"), [
    ("https://youtu.be/abc?t=754", 754), ("https://x.test/ep?start=90", 90), ("https://x.test/a.mp3#t=1h2m3s", 3723),
    ("https://x.test/ep?t=12:34", 754), ("https://x.test/ep?t=2m5s", 125), ("https://x.test/ep#a=1&t=30", 30),
    ("https://x.test/ep", None), ("https://x.test/ep?t=soon", None), ("http://[::1/ep?t=5", None),
])
def test_link_seconds(href, seconds):
    assert link_seconds(href) == seconds


@pytest.mark.parametrize(("text", "iso"), [
    ("2026-01-31", "2026-01-31"), ("Jan 31, 2026", "2026-01-31"), ("Sat, 31 Jan 2026 10:00:00 +0000", "2026-01-31"),
    ("2026-01-31T22:00:00-05:00", "2026-01-31"), ("2026", None), ("", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(("text", "seconds"), [
    ("4h 25m", 15900), ("1:02:03", 3723), ("PT4H25M", 15900), ("95 min", 5700), ("3600", 3600), ("soon", None),
])
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


def test_parse_timestamp_and_ids():
    assert (parse_timestamp("00:00:31"), parse_timestamp("17:39"), parse_timestamp("(02:28:01)")) == (31, 1059, 8881)
    assert episode_id("Lex Fridman Podcast", 490, "x") == "lex-fridman-podcast-490"
    assert episode_id(None, None, "Héllo, World!") == "hello-world"
