"""Deterministic synthetic episode documents for search and facet tests (fictional shows, people and things)."""

from __future__ import annotations

import random

from indexer.textutil import slugify

PODCASTS = ("Deep Field Radio", "The Ledger Hour", "Margins & Footnotes", "Signal Garden")
FIRST = ("Ada", "Bram", "Celia", "Dov", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kaia", "Lior",
         "Mina", "Nils", "Oona", "Pavel", "Quinn", "Rosa", "Sami", "Tomás", "Uma", "Viggo", "Wren", "Zoë")
LAST = ("Okonkwo", "Lindqvist", "Marchetti", "Ibarra", "Halvorsen", "Achterberg", "Nakamura", "Delacroix",
        "Petrov", "Osei", "Varga", "Quennell")
TOPICS = ("Batteries", "Soil", "Compilers", "Jazz", "Cartography", "Fermentation", "Glaciers", "Typography",
          "Auctions", "Beekeeping", "Orbital Debris", "Sleep")
TYPES = ("book", "product", "film", "podcast", "paper")
WORDS = ("lattice", "harbor", "copper", "meadow", "signal", "ledger", "ember", "canopy", "tundra", "violet",
         "cobalt", "prairie", "quarry", "saffron", "granite", "willow", "beacon", "mosaic", "orchard", "falcon",
         "thimble", "juniper", "pylon", "marrow", "cinder", "glacier", "vessel", "spindle", "basalt", "lantern")


def guest_pool() -> list[str]:
    return [f"{f} {ln}" for f, ln in zip(FIRST, LAST * 2, strict=False)]


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(n: int = 80, seed: int = 7) -> list[dict]:
    """`n` valid episode documents spread over podcasts, years 2019–2026, guests, topics and item types."""
    rng = random.Random(seed)
    guests = guest_pool()
    docs = []
    for i in range(n):
        podcast = PODCASTS[i % len(PODCASTS)]
        number = 100 + i
        ep_guests = rng.sample(guests, rng.choice((0, 1, 1, 2, 3)))
        topics = rng.sample(TOPICS, rng.randint(1, 3))
        items = []
        for k in range(rng.randint(0, 3)):
            speaker = rng.choice(ep_guests) if ep_guests else "Host Person"
            items.append({
                "type": rng.choice(TYPES), "relation": "recommended",
                "title": f"The {rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {k}",
                "creator": rng.choice(guests), "creator_inferred": False, "quote": sentence(rng, 8),
                "speaker": speaker, "t": rng.randint(0, 9000), "link": None,
            })
        year = 2019 + i % 8
        docs.append({
            "id": f"{slugify(podcast)}-{number}", "podcast": podcast, "number": number,
            "title": f"{rng.choice(WORDS).title()} and {rng.choice(WORDS).title()}: {', '.join(topics)}",
            "host": "Host Person", "date": f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}", "duration_s": 3600 + i,
            "summary": sentence(rng, 10),
            "guests": [{"name": g, "bio": f"{g} is a {rng.choice(WORDS)} researcher."} for g in ep_guests],
            "topics": topics, "gist": " ".join(sentence(rng) for _ in range(3)),
            "reveals": [sentence(rng) for _ in range(rng.randint(1, 4))],
            "facts": [sentence(rng) for _ in range(rng.randint(0, 3))],
            "items": items, "chapters": [{"t": 60 * c, "title": sentence(rng, 3)} for c in range(rng.randint(0, 3))],
            "transcript": [], "url": None,
        })
    return docs
