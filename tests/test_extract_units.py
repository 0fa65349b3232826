"""The stage parsers on their own: title lines, guests, items, chapters, sections and blocks."""

from __future__ import annotations

import pytest

from indexer.extract.chapters import parse_chapter_line
from indexer.extract.decoding import decode_bytes
from indexer.extract.guests import guests_from_blocks, split_names
from indexer.extract.head import parse_byline
from indexer.extract.itemparts import label_type, parse_quote, split_title_creator, type_from_heading
from indexer.extract.notes import notes_from_html
from indexer.extract.sections import normalize_heading, section_name
from indexer.extract.textblocks import text_blocks
from indexer.extract.titles import parse_title_line

# --------------------------------------------------------------------------------------------------------------
# Title lines


@pytest.mark.parametrize("line,site,title,podcast,number", [
    ("State of AI in 2026: LLMs, Coding, Scaling Laws, China, Agents, GPUs, AGI | Lex Fridman Podcast #490", None,
     "State of AI in 2026: LLMs, Coding, Scaling Laws, China, Agents, GPUs, AGI", "Lex Fridman Podcast", 490),
    ("#490 – State of AI in 2026", None, "State of AI in 2026", None, 490),
    ("Episode 12: The Long Game", None, "The Long Game", None, 12),
    ("Ep. 12 - The Long Game - Deep Dives Podcast", None, "The Long Game", "Deep Dives Podcast", 12),
    ("The Long Game – Deep Dives", "Deep Dives", "The Long Game", "Deep Dives", None),
    ("Podcasting, Talent & Innovation | Dwarkesh Patel | Episode 147", None, "Podcasting, Talent & Innovation",
     None, 147),
    ("TRJ #18. Blas Moros: Lessons From Reading 600+ Books", None, "Blas Moros: Lessons From Reading 600+ Books",
     "TRJ", 18),
    ("#979 - Dwarkesh Patel - AI Safety, The China Problem", None, "Dwarkesh Patel - AI Safety, The China Problem",
     None, 979),
    ("The Long Game (Episode 7)", None, "The Long Game", None, 7),
    ("Transcript for Jensen Huang: NVIDIA | Lex Fridman Podcast #494", None, "Jensen Huang: NVIDIA",
     "Lex Fridman Podcast", 494),
    ("Sarah Paine – How Russia sabotaged China's rise", None, "Sarah Paine – How Russia sabotaged China's rise",
     None, None),
    ("Tidepool Lab Ep 31: Listening to Reefs", None, "Listening to Reefs", "Tidepool Lab", 31),
    ("E45: The Ledger", None, "The Ledger", None, 45),
    ("The Ledger | Ledger Loop #58 | Example Network", None, "The Ledger", "Ledger Loop", 58),
    ("No. 7 — Footnotes", None, "Footnotes", None, 7),
    ("99% Invisible #540: The Nut Job", None, "The Nut Job", "99% Invisible", 540),
    ("How to Think About AI, Part 2", None, "How to Think About AI, Part 2", None, None),
    ("S2E14 - Rewilding Britain", None, "Rewilding Britain", None, 14),
    ("Deep Work with Cal Newport - The Tim Ferriss Show", None, "Deep Work with Cal Newport",
     "The Tim Ferriss Show", None),
    ("Episode #12 — Dark Matter, Explained | Slow Orbit", "Slow Orbit", "Dark Matter, Explained", "Slow Orbit", 12),
    ("Kelp Forests #3", None, "Kelp Forests", None, 3),
    ("Kelp Forests, Ep. 4", None, "Kelp Forests", None, 4),
])
def test_title_line(line, site, title, podcast, number):
    parts = parse_title_line(line, site_name=site)
    assert (parts.title, parts.podcast, parts.number) == (title, podcast, number)


@pytest.mark.parametrize("line,topics", [
    ("State of AI in 2026: LLMs, Coding, Scaling Laws, China, Agents, GPUs, AGI | Lex Fridman Podcast #490",
     ["LLMs", "Coding", "Scaling Laws", "China", "Agents", "GPUs", "AGI"]),
    ("Kelp Forests: Otters, Urchins, and Warming Seas — Tidepool Lab", ["Otters", "Urchins", "Warming Seas"]),
    ("Blas Moros: Lessons From Reading 600+ Books", []),
    ("Dark Matter, Explained", []),
    ("Jensen Huang: NVIDIA - The $4 Trillion Company & the AI Revolution", []),
])
def test_topics_from_the_comma_list_after_the_colon(line, topics):
    assert parse_title_line(line, site_name="Tidepool Lab").topics == topics


def test_title_middle_segment_is_a_guest_hint():
    assert parse_title_line("Podcasting, Talent & Innovation | Dwarkesh Patel | Episode 147").guest_hint == \
        "Dwarkesh Patel"
    assert parse_title_line("Why We Sleep — Matthew Walker | The Knowledge Project Ep. 102").guest_hint is None


# --------------------------------------------------------------------------------------------------------------
# Bylines


@pytest.mark.parametrize("line,expected", [
    ("Lex Fridman · 2026-01-31 · 4h 25m", ("Lex Fridman", "2026-01-31", 15900)),
    ("By Lex Fridman | Jan 31, 2026 | 4h 25m", ("Lex Fridman", "2026-01-31", 15900)),
    ("With Tobias Quennell · June 5, 2025 · 69 min", ("Tobias Quennell", "2025-06-05", 4140)),
    ("Wren Halloway · Apr 18, 2023 · 1h 12m", ("Wren Halloway", "2023-04-18", 4320)),
    ("31 January 2026 — 1:02:03", (None, "2026-01-31", 3723)),
    ("Lex Fridman · Podcast", None),
    ("A sentence that is not a byline, even with a date: 2026-01-31, in it. It goes on and on and on for quite "
     "a while, longer than any byline would.", None),
])
def test_byline(line, expected):
    assert parse_byline(line) == expected


# --------------------------------------------------------------------------------------------------------------
# Guests


def _guests(text: str) -> list[tuple[str, str | None]]:
    return [(g.name, g.bio) for g in guests_from_blocks(text_blocks(text))]


@pytest.mark.parametrize("text,expected", [
    ("Sebastian Raschka and Nathan Lambert — Sebastian Raschka is a researcher. Nathan Lambert is the "
     "post-training lead.",
     [("Sebastian Raschka", "Sebastian Raschka is a researcher."),
      ("Nathan Lambert", "Nathan Lambert is the post-training lead.")]),
    ("Ada Obi, Ben Li and Cy Park — Ada Obi is a chemist. Ben Li builds boats. Cy Park writes novels.",
     [("Ada Obi", "Ada Obi is a chemist."), ("Ben Li", "Ben Li builds boats."), ("Cy Park", "Cy Park writes novels.")]),
    ("Jane Doe — Jane Doe is a marine biologist at the Kelp Institute.",
     [("Jane Doe", "Jane Doe is a marine biologist at the Kelp Institute.")]),
    ("Jane Doe is a marine biologist. She studies otters.",
     [("Jane Doe", "Jane Doe is a marine biologist. She studies otters.")]),
    ("Dr. Jane Doe and John Smith — Doe is a physicist. Smith is an engineer.",
     [("Dr. Jane Doe", "Doe is a physicist."), ("John Smith", "Smith is an engineer.")]),
    ("Priya Vantongeren & Ansel Marchetti — Priya is a biogeochemist. Ansel is an acoustic ecologist.",
     [("Priya Vantongeren", "Priya is a biogeochemist."), ("Ansel Marchetti", "Ansel is an acoustic ecologist.")]),
    ("- Jane Doe — marine biologist\n- John Smith: engineer at Acme",
     [("Jane Doe", "marine biologist"), ("John Smith", "engineer at Acme")]),
    ("Jane Doe\nMarine biologist.\nJohn Smith\nEngineer at Acme.",
     [("Jane Doe", "Marine biologist."), ("John Smith", "Engineer at Acme.")]),
    ("Marie Curie-Skłodowska and Jean-Luc O'Neill — Marie Curie-Skłodowska studies radium. Jean-Luc O'Neill "
     "studies ice.",
     [("Marie Curie-Skłodowska", "Marie Curie-Skłodowska studies radium."),
      ("Jean-Luc O'Neill", "Jean-Luc O'Neill studies ice.")]),
    ("Łukasz Kaiser and Émile Zola — Łukasz Kaiser co-created the Transformer. Émile Zola wrote novels.",
     [("Łukasz Kaiser", "Łukasz Kaiser co-created the Transformer."), ("Émile Zola", "Émile Zola wrote novels.")]),
    ("Two old friends return. Ada Obi and Ben Li", []),
    ("", []),
])
def test_guests(text, expected):
    assert _guests(text) == expected


def test_guests_in_html_shapes():
    dl = notes_from_html("<h2>Guests</h2><dl><dt>Jane Doe</dt><dd>Marine biologist.</dd>"
                         "<dt>John Smith</dt><dd>Engineer at Acme.</dd></dl>")
    assert [(g.name, g.bio) for g in dl.guests] == [("Jane Doe", "Marine biologist."), ("John Smith",
                                                                                         "Engineer at Acme.")]
    bold = notes_from_html("<h2>About the guest</h2><p><strong>Jane Doe</strong> is a marine biologist.</p>")
    assert [(g.name, g.bio) for g in bold.guests] == [("Jane Doe", "Jane Doe is a marine biologist.")]
    handle = notes_from_html("<h3>Guest</h3><p>Jane Doe (@janedoe) is a marine biologist.</p>")
    assert [g.name for g in handle.guests] == ["Jane Doe"]
    listed = notes_from_html("<h3>Featuring</h3><ul><li><strong>Jane Doe</strong>, marine biologist</li>"
                             "<li><strong>John Smith</strong>, engineer</li></ul>")
    assert [(g.name, g.bio) for g in listed.guests] == [("Jane Doe", "marine biologist"), ("John Smith", "engineer")]
    headed = notes_from_html("<h3>The guests</h3><h4>Jane Doe</h4><p>Marine biologist.</p><h4>John Smith</h4>"
                             "<p>Engineer.</p><h3>The gist</h3><p>Kelp.</p>")
    assert [(g.name, g.bio) for g in headed.guests] == [("Jane Doe", "Marine biologist."), ("John Smith",
                                                                                            "Engineer.")]
    assert headed.gist == "Kelp."
    assert notes_from_html("<h2>The gist</h2><p>Solo episode.</p>").guests == []


def test_split_names():
    assert split_names("A. B. Cee, Dee Eff & Gee Aitch") == ["A. B. Cee", "Dee Eff", "Gee Aitch"]
    assert split_names("the whole team and friends") is None


# --------------------------------------------------------------------------------------------------------------
# Items


@pytest.mark.parametrize("label,expected", [
    ("RecommendedBook", ("book", "recommended")),
    ("Guest’s ownBook", ("book", "guest_own")),
    ("Recommended Product", ("product", "recommended")),
    ("Guest's own Film", ("film", "guest_own")),
    ("Recommended · Podcast", ("podcast", "recommended")),
    ("Guests own Paper", ("paper", "guest_own")),
    ("Book (recommended)", ("book", "recommended")),
    ("Recommended TV Show", ("show", "recommended")),
    ("Guest’s own album", ("album", "guest_own")),
    ("RecommendedApp", ("app", "recommended")),
    ("RecommendedMovie", ("film", "recommended")),
    ("RecommendedCourse", ("course", "recommended")),
    ("Recommended reading", None),
    ("Recommended", None),
    ("Build a Large Language Model from Scratch", None),
])
def test_item_labels(label, expected):
    got = label_type(label)
    assert (got[:2] if got else None) == expected


@pytest.mark.parametrize("text,expected", [
    ("“Great book.” — Lex Fridman 00:00:31", ("Great book.", "Lex Fridman", 31)),
    ('"It\'s a great book." - Nathan Lambert (02:28:01)', ("It's a great book.", "Nathan Lambert", 8881)),
    ("“Fast.” (17:39)", ("Fast.", None, 1059)),
    ("‘Short.’ — Ada, 1:02:03", ("Short.", "Ada", 3723)),
    ("«Bonjour» — Marie 00:10", ("Bonjour", "Marie", 10)),
    ("“No attribution.”", ("No attribution.", None, None)),
    ("“Tail” — Lex Fridman at 01:02:03", ("Tail", "Lex Fridman", 3723)),
    ("“Quote” — Lex Fridman, host, 00:00:31", ("Quote", "Lex Fridman", 31)),
    ("It's not a quote", None),
])
def test_quotes(text, expected):
    assert parse_quote(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Outliers by Malcolm Gladwell", ("Outliers", "Malcolm Gladwell")),
    ("The Years of Lyndon Johnson; by Robert Caro", ("The Years of Lyndon Johnson", "Robert Caro")),
    ("Dune — Frank Herbert", ("Dune", "Frank Herbert")),
    ("Dune (Frank Herbert)", ("Dune", "Frank Herbert")),
    ("Gödel, Escher, Bach by Douglas Hofstadter", ("Gödel, Escher, Bach", "Douglas Hofstadter")),
    ("Grok 4 Heavy by xAI", ("Grok 4 Heavy", "xAI")),
    ("Germinal by Émile Zola", ("Germinal", "Émile Zola")),
    ("Stand by Me", ("Stand by Me", None)),
    ("Dune", ("Dune", None)),
])
def test_title_and_creator(text, expected):
    assert split_title_creator(text) == expected


def test_item_cards_in_html():
    notes = notes_from_html("""<h2>Recommended</h2><ul>
      <li><span>Recommended</span><span>Book</span><h4>Dune</h4><p>Frank Herbert</p>
          <p><q>Read it twice.</q> — <a href="https://youtu.be/x?t=754">Ada Obi</a></p>
          <a href="https://shop.example/dune">Buy</a></li>
      <li><span>Guest's own</span><span>Paper</span><h4>Kelp at Night</h4><p>Ada Obi (inferred)</p>
          <blockquote>“We measured it.”<cite>Ben Li</cite></blockquote></li></ul>""")
    assert [(i.type, i.relation, i.title, i.creator, i.creator_inferred, i.quote, i.speaker, i.t, i.link)
            for i in notes.items] == [
        ("book", "recommended", "Dune", "Frank Herbert", False, "Read it twice.", "Ada Obi", 754,
         "https://shop.example/dune"),
        ("paper", "guest_own", "Kelp at Night", "Ada Obi", True, "We measured it.", "Ben Li", None, None),
    ]


def test_simple_item_lists_take_their_type_from_the_heading():
    notes = notes_from_html("<h3>Films mentioned</h3><ul><li>Heat — Michael Mann</li><li>Alien (Ridley Scott)</li>"
                            "</ul><h3>Books</h3><ol><li><em>Emma</em> by Jane Austen</li></ol>")
    assert [(i.type, i.title, i.creator) for i in notes.items] == [
        ("film", "Heat", "Michael Mann"), ("film", "Alien", "Ridley Scott"), ("book", "Emma", "Jane Austen")]
    assert type_from_heading("Recommended reading") is None
    assert type_from_heading("Podcasts we love") == "podcast"


def test_item_table_with_named_columns():
    notes = notes_from_html("""<h2>Recommended in this episode</h2><table>
      <tr><th>Kind</th><th>Title</th><th>Author</th><th>Who</th><th>When</th><th>Link</th></tr>
      <tr><td>Guest's own book</td><td>Ink</td><td>Ada Obi</td><td>Ben Li</td><td>00:03:05</td>
          <td><a href="https://books.example/ink">Get it</a></td></tr>
      <tr><td>App</td><td>Tally</td><td>Tally Ltd (inferred)</td><td>Ada Obi</td><td>1:19:44</td><td>—</td></tr>
    </table>""")
    assert [(i.type, i.relation, i.title, i.creator, i.creator_inferred, i.speaker, i.t, i.link)
            for i in notes.items] == [
        ("book", "guest_own", "Ink", "Ada Obi", False, "Ben Li", 185, "https://books.example/ink"),
        ("app", "recommended", "Tally", "Tally Ltd", True, "Ada Obi", 4784, None),
    ]


# --------------------------------------------------------------------------------------------------------------
# Chapters


@pytest.mark.parametrize("line,expected", [
    ("00:12:34 – Title", [(754, "Title")]),
    ("(12:34) Title", [(754, "Title")]),
    ("Title (12:34)", [(754, "Title")]),
    ("[12:34] - Title", [(754, "Title")]),
    ("12:34: Title", [(754, "Title")]),
    ("1:02:03 Title", [(3723, "Title")]),
    ("Title - 12:34", [(754, "Title")]),
    ("• 00:55 Thing", [(55, "Thing")]),
    ("0:00 - 1:30 Intro", [(0, "Intro")]),
    ("00:05:10 — Q&A: What's next?", [(310, "Q&A: What's next?")]),
    ("Chapter 1: Origins (00:00)", [(0, "Chapter 1: Origins")]),
    ("00:00 Intro 05:00 Next 10:00 Last", [(0, "Intro"), (300, "Next"), (600, "Last")]),
    ("Price was $12.50", []),
    ("2026-01-31", []),
    ("12:34", []),
])
def test_chapter_lines(line, expected):
    assert [(c.t, c.title) for c in parse_chapter_line(line)] == expected


def test_chapters_from_links_and_sections():
    notes = notes_from_html('<h2>Outline</h2><ul><li><a href="https://youtu.be/x?t=0">Intro</a></li>'
                            '<li><a href="https://youtu.be/x?t=95s">Why kelp</a></li>'
                            '<li><a href="https://www.youtube.com/watch?v=x&amp;t=1h2m3s">End</a></li>'
                            '<li><a href="#t=01:02:04">Really the end</a></li></ul>')
    assert [(c.t, c.title) for c in notes.chapters] == [(0, "Intro"), (95, "Why kelp"), (3723, "End"),
                                                        (3724, "Really the end")]


# --------------------------------------------------------------------------------------------------------------
# Sections and blocks


@pytest.mark.parametrize("heading,name", [
    ("The gist", "gist"), ("THE GIST:", "gist"), ("Summary", "gist"), ("Overview —", "gist"),
    ("Big Reveals:", "reveals"), ("Key takeaways", "reveals"), ("Highlights", "reveals"),
    ("Things worth remembering", "facts"), ("Notable facts", "facts"), ("Key facts", "facts"),
    ("Recommended in this episode", "items"), ("Books mentioned", "items"), ("Resources", "items"),
    ("Recommendations", "items"), ("Books mentioned in this episode", "items"), ("Recommended films", "items"),
    ("Chapters", "chapters"), ("Timestamps", "chapters"), ("Outline", "chapters"), ("Show notes", "chapters"),
    ("Episode timestamps:", "chapters"),
    ("The guest", "guests"), ("Guests", "guests"), ("About the guest", "guests"), ("## The Guests", "guests"),
    ("Sponsors:", "stop"), ("Related episodes", "stop"), ("Hosted by", "host"),
    ("The gist — in 60 seconds", "gist"), ("Key takeaways (quick read)", "reveals"),
    ("Chapters: jump to a moment", "chapters"),
    ("Guest’s ownBook", None), ("In this multi-guest roundtable, Lex talks with researchers", None),
])
def test_section_names(heading, name):
    assert section_name(heading) == name


def test_normalize_heading():
    assert normalize_heading("  ★ Key Takeaways — ") == "key takeaways"
    assert normalize_heading("2. Things Worth Remembering:") == "things worth remembering"


def test_section_as_bold_paragraph_table_header_and_styled_div():
    notes = notes_from_html("""<p><strong>The gist</strong></p><p>Kelp grows fast.</p>
      <table><tr><th>Key takeaways</th><td><ul><li>One.</li><li>Two.</li></ul></td></tr></table>
      <div class="section-title">Notable facts</div><div>• Three.</div><div>• Four.</div>""")
    assert notes.gist == "Kelp grows fast."
    assert notes.reveals == ["One.", "Two."]
    assert notes.facts == ["Three.", "Four."]


def test_text_blocks_markdown_and_glyphs():
    blocks = text_blocks("## The Gist\n**Big reveals**\n• one\n* two\n- three\n– four\n> “q” — A 00:01\n"
                         "[Find it](https://x.example)\n")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "The Gist"), ("heading", "Big reveals"), ("bullet", "one"), ("bullet", "two"),
        ("bullet", "three"), ("bullet", "four"), ("para", "“q” — A 00:01"), ("para", "Find it")]
    assert blocks[-1].links == [("Find it", "https://x.example")]


def test_decode_bytes():
    assert decode_bytes("caf\u00e9".encode("utf-8")) == "caf\u00e9"
    assert decode_bytes(b"\xef\xbb\xbfcaf\xc3\xa9") == "caf\u00e9"
    assert decode_bytes(b"\x93quoted\x94 caf\xe9") == "\u201cquoted\u201d caf\u00e9"
    assert decode_bytes(b'<meta charset="iso-8859-1"><p>\x93a\x94', html=True).endswith("\u201ca\u201d")
    assert decode_bytes(b'<meta charset="koi8-r"><p>\xf0\xd2\xc9', html=True).endswith("\u041f\u0440\u0438")


def test_accordion_button_headings():
    notes = notes_from_html('<button class="acc">The gist</button><div class="panel"><p>Kelp.</p></div>'
                            '<button class="acc">Key takeaways</button><div class="panel"><ul><li>One</li></ul></div>'
                            '<button>Load more</button>')
    assert (notes.gist, notes.reveals) == ("Kelp.", ["One"])


def test_card_description_line_is_not_the_creator():
    notes = notes_from_html("<h2>Recommended</h2><div><p>RecommendedBook</p><h3>Dune</h3>"
                            "<p>A sprawling desert epic about spice and power.</p><p>Frank Herbert</p>"
                            "<p>“Read it.” — Ada 00:01:00</p></div>"
                            "<div><p>RecommendedProduct</p><h3>Kettle</h3><p>Acme Inc.</p></div>")
    assert [(i.title, i.creator, i.speaker, i.t) for i in notes.items] == [
        ("Dune", "Frank Herbert", "Ada", 60), ("Kettle", "Acme Inc.", None, None)]


@pytest.mark.parametrize("html", [
    "<p><strong>The gist</strong> In this episode we talk kelp.</p><p><b>Highlights</b></p><ul><li>One</li></ul>",
    "<p><b>The gist:</b> In this episode we talk kelp.</p><h4>Highlights</h4><ul><li>One</li></ul>",
    "**The gist** In this episode we talk kelp.\n\n**Highlights**\n\n* One",
    "The gist: In this episode we talk kelp.\nHighlights:\n- One",
])
def test_bold_lead_in_headings(html):
    notes = notes_from_html(html)
    assert (notes.gist, notes.reveals) == ("In this episode we talk kelp.", ["One"])
