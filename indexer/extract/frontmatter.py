"""What a page declares outright: YAML-ish front matter or a `URL: …` header (text), a properties table (HTML)."""

from __future__ import annotations

import re

from bs4 import Tag

from indexer.textutil import clean

#: A plain `Key: value` header line (a page saved with its URL and retrieval date above it).
_HEADER_FIELD = re.compile(r"^(URL|Source|Retrieved|Title|Date|Podcast|Show|Host|Episode)\s*:\s*(.*)$", re.I)


#: Front-matter keys (YAML-ish `key: value` between `---` lines) → what they declare.
FRONT_MATTER_KEYS: dict[str, str] = {
    "title": "title", "name": "title", "date": "date", "published": "date", "pubdate": "date",
    "publishdate": "date", "release_date": "date", "podcast": "podcast", "show": "podcast", "series": "podcast",
    "podcast_name": "podcast", "show_name": "podcast", "episode": "episode", "episode_number": "episode",
    "number": "episode", "ep": "episode", "host": "host", "hosts": "host", "author": "host", "guests": "guests",
    "guest": "guests", "tags": "topics", "topics": "topics", "keywords": "topics", "duration": "duration",
    "length": "duration", "url": "url", "permalink": "url", "canonical": "url", "canonical_url": "url",
    "link": "url", "summary": "summary", "description": "summary", "subtitle": "summary", "excerpt": "summary",
    "audio": "media_url", "mp3": "media_url", "enclosure": "media_url", "media": "media_url",
}


def _front_matter(lines: list[str]) -> tuple[dict, int] | None:
    """`---` / `key: value` lines (lists as `[a, b]` or `- a` lines) / `---` → (fields, lines used)."""
    if not lines or lines[0].strip() != "---":
        return None
    end = next((i for i in range(1, min(len(lines), 120)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None
    fields: dict = {}
    key = None
    for raw in lines[1:end]:
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", raw)
        if m:
            key = FRONT_MATTER_KEYS.get(m[1].lower().replace("-", "_"))
            value = m[2].strip().strip("\"'")
            if key and value:
                if value.startswith("[") and value.endswith("]"):
                    value = [v.strip().strip("\"'") for v in value[1:-1].split(",") if v.strip()]
                fields.setdefault(key, value)
            continue
        m = re.match(r"^\s+-\s+(.*)$", raw)
        if m and key:
            item = m[1].strip().strip("\"'")
            item = re.sub(r"^name\s*:\s*", "", item).strip("\"'")
            current = fields.get(key)
            fields[key] = (current if isinstance(current, list) else []) + [item]
    for list_key in ("guests", "topics"):
        if isinstance(fields.get(list_key), str):
            fields[list_key] = [v.strip() for v in re.split(r"\s*[,;]\s*", fields[list_key]) if v.strip()]
    for one_key in ("title", "date", "podcast", "episode", "host", "duration", "url", "summary", "media_url"):
        if isinstance(fields.get(one_key), list):
            fields[one_key] = fields[one_key][0] if fields[one_key] else None
    return fields, end + 1


def strip_header(text: str) -> tuple[str | None, dict, str]:
    """Front matter (`---` … `---`) or a `URL: …` / `Retrieved: …` / `---` header → (url, declared, the rest)."""
    lines = text.split("\n")
    front = _front_matter(lines)
    if front is not None:
        fields, used = front
        url = fields.get("url") if re.match(r"https?://", str(fields.get("url") or "")) else None
        return url, fields, "\n".join(lines[used:])
    declared: dict = {}
    url = None
    i = 0
    while i < len(lines) and i < 12:
        m = _HEADER_FIELD.match(lines[i].strip())
        if not m:
            break
        key, value = m[1].lower(), m[2].strip()
        if key in ("url", "source") and re.match(r"https?://", value):
            url = value
        elif key in ("title", "date", "podcast", "show", "host", "episode") and value:
            declared["podcast" if key == "show" else key] = value
        i += 1
    if i == 0:
        return None, {}, text
    if i < len(lines) and re.fullmatch(r"\s*-{3,}\s*", lines[i]):
        i += 1
    return url, declared, "\n".join(lines[i:])


def _declared_key(label: str) -> str | None:
    return FRONT_MATTER_KEYS.get(re.sub(r"[\s-]+", "_", clean(label).strip(" :").lower()))


def _cell_value(cell: Tag) -> str | list[str]:
    """A cell's text; its pills (`<span>robotics</span><span>acoustics</span>`) as a list."""
    pills = [clean(c.get_text(" ")) for c in cell.find_all(True, recursive=False)]
    pills = [p for p in pills if p]
    if len(pills) >= 2 and all(len(p) <= 40 for p in pills):
        return pills
    return clean(cell.get_text(" "))


def property_table_fields(root: Tag) -> dict:
    """A properties table (Notion export, an `Episode details` box: `<tr><th>Published</th><td>…</td></tr>`) →
    declared fields, like front matter; the table is removed so its rows do not read as notes.

    Only a table whose rows are all name / value pairs and at least two of whose names are known fields
    counts: an item table or a table of facts keeps its rows."""
    declared: dict = {}
    for table in root.find_all("table"):
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        pairs = [[c for c in tr.find_all(["th", "td"], recursive=False)] for tr in rows]
        if len(pairs) < 2 or not all(len(p) == 2 and p[0].name == "th" for p in pairs):
            continue
        fields = [(_declared_key(p[0].get_text(" ")), p[1]) for p in pairs]
        if sum(1 for key, _ in fields if key) < 2:
            continue
        for key, cell in fields:
            value = _cell_value(cell)
            if key and value:
                if key in ("guests", "topics") and isinstance(value, str):
                    value = [v.strip() for v in re.split(r"\s*[,;]\s*", value) if v.strip()]
                elif isinstance(value, list) and key not in ("guests", "topics"):
                    value = ", ".join(value)
                declared.setdefault(key, value.lstrip("@") if isinstance(value, str) else value)
        table.decompose()
    return declared
