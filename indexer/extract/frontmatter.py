"""What a text page declares above its notes: YAML-ish front matter or a `URL: …` / `Retrieved: …` header."""

from __future__ import annotations

import re

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
