"""What a feed or an invitation may carry besides the sessions: reminders, refresh
interval, colour. Parsing of the durations people type (``15m``, ``1h30m``, ``2d``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..model import Agenda

__all__ = [
    "CSS_COLORS",
    "FeedOptions",
    "Per",
    "colors",
    "feed_problems",
    "format_duration",
    "parse_duration",
]

Per = Literal["session", "part", "day"]

_DURATION = re.compile(
    r"^(?:(?P<w>\d+)\s*w)?\s*(?:(?P<d>\d+)\s*d)?\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?$"
)
_ISO = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>0+)S)?)?$"
)


def parse_duration(text: str) -> int:
    """Minutes of ``15m``, ``1h30m``, ``2d``, ``1w``, a bare number of minutes, or an
    RFC 5545 duration such as ``PT15M``. Raises ``ValueError`` with a message for people.
    """
    value = text.strip().lower()
    if value.isdigit():
        return int(value)
    match = _ISO.match(value.upper()) if value.startswith("p") else _DURATION.match(value)
    if value and match is not None and any(match.groupdict().get(k) for k in "wdhms"):
        weeks, days, hours, minutes = (int(match.group(k) or 0) for k in "wdhm")
        return ((weeks * 7 + days) * 24 + hours) * 60 + minutes
    raise ValueError(
        f"not a duration: {text!r} (use minutes, hours, days or weeks such as "
        "15m, 1h30m, 2d, 1w, or an RFC 5545 duration such as PT15M)"
    )


def format_duration(minutes: int) -> str:
    """An RFC 5545 DURATION of ``minutes`` (``PT15M``, ``PT1H30M``, ``P1D``, ``P1DT2H``)."""
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    out = "P"
    if days:
        out += f"{days}D"
    if hours or mins:
        out += "T"
        if hours:
            out += f"{hours}H"
        if mins:
            out += f"{mins}M"
    if out == "P":
        out = "PT0S"
    return out


@dataclass(frozen=True, slots=True)
class FeedOptions:
    """How an agenda becomes a feed.

    - ``per``: one VEVENT per ``session`` (the default), per ``part`` (from the part's
      span, or its sessions' extent, with the programme in the description), or per
      ``day`` (all-day entries: an overview of a multi-day event).
    - ``speakers``: only the sessions of these speaker ids (a personal feed); empty: all.
    - ``reminders``: minutes before the start for one ``VALARM`` each.
    - ``refresh``: minutes for ``REFRESH-INTERVAL`` and ``X-PUBLISHED-TTL`` (how often a
      subscribed client should fetch the feed again); None leaves them out.
    - ``lang``: the language of the words the feed puts around the agenda's text
      (``Speakers``, ``floor 2``, session kinds); None: the agenda's ``event.lang``.
      Commands pass ``--lang`` or the settings' ``lang`` here.
    """

    per: Per = "session"
    speakers: tuple[str, ...] = ()
    reminders: tuple[int, ...] = ()
    refresh: int | None = 1440
    lang: str | None = None


# CSS Color Module Level 3 names (which RFC 7986 COLOR takes) and their sRGB values.
CSS_COLORS: dict[str, str] = {
    "aliceblue": "#F0F8FF", "antiquewhite": "#FAEBD7", "aqua": "#00FFFF",
    "aquamarine": "#7FFFD4", "azure": "#F0FFFF", "beige": "#F5F5DC", "bisque": "#FFE4C4",
    "black": "#000000", "blanchedalmond": "#FFEBCD", "blue": "#0000FF",
    "blueviolet": "#8A2BE2", "brown": "#A52A2A", "burlywood": "#DEB887",
    "cadetblue": "#5F9EA0", "chartreuse": "#7FFF00", "chocolate": "#D2691E",
    "coral": "#FF7F50", "cornflowerblue": "#6495ED", "cornsilk": "#FFF8DC",
    "crimson": "#DC143C", "cyan": "#00FFFF", "darkblue": "#00008B", "darkcyan": "#008B8B",
    "darkgoldenrod": "#B8860B", "darkgray": "#A9A9A9", "darkgreen": "#006400",
    "darkgrey": "#A9A9A9", "darkkhaki": "#BDB76B", "darkmagenta": "#8B008B",
    "darkolivegreen": "#556B2F", "darkorange": "#FF8C00", "darkorchid": "#9932CC",
    "darkred": "#8B0000", "darksalmon": "#E9967A", "darkseagreen": "#8FBC8F",
    "darkslateblue": "#483D8B", "darkslategray": "#2F4F4F", "darkslategrey": "#2F4F4F",
    "darkturquoise": "#00CED1", "darkviolet": "#9400D3", "deeppink": "#FF1493",
    "deepskyblue": "#00BFFF", "dimgray": "#696969", "dimgrey": "#696969",
    "dodgerblue": "#1E90FF", "firebrick": "#B22222", "floralwhite": "#FFFAF0",
    "forestgreen": "#228B22", "fuchsia": "#FF00FF", "gainsboro": "#DCDCDC",
    "ghostwhite": "#F8F8FF", "gold": "#FFD700", "goldenrod": "#DAA520", "gray": "#808080",
    "green": "#008000", "greenyellow": "#ADFF2F", "grey": "#808080", "honeydew": "#F0FFF0",
    "hotpink": "#FF69B4", "indianred": "#CD5C5C", "indigo": "#4B0082", "ivory": "#FFFFF0",
    "khaki": "#F0E68C", "lavender": "#E6E6FA", "lavenderblush": "#FFF0F5",
    "lawngreen": "#7CFC00", "lemonchiffon": "#FFFACD", "lightblue": "#ADD8E6",
    "lightcoral": "#F08080", "lightcyan": "#E0FFFF", "lightgoldenrodyellow": "#FAFAD2",
    "lightgray": "#D3D3D3", "lightgreen": "#90EE90", "lightgrey": "#D3D3D3",
    "lightpink": "#FFB6C1", "lightsalmon": "#FFA07A", "lightseagreen": "#20B2AA",
    "lightskyblue": "#87CEFA", "lightslategray": "#778899", "lightslategrey": "#778899",
    "lightsteelblue": "#B0C4DE", "lightyellow": "#FFFFE0", "lime": "#00FF00",
    "limegreen": "#32CD32", "linen": "#FAF0E6", "magenta": "#FF00FF", "maroon": "#800000",
    "mediumaquamarine": "#66CDAA", "mediumblue": "#0000CD", "mediumorchid": "#BA55D3",
    "mediumpurple": "#9370DB", "mediumseagreen": "#3CB371", "mediumslateblue": "#7B68EE",
    "mediumspringgreen": "#00FA9A", "mediumturquoise": "#48D1CC",
    "mediumvioletred": "#C71585", "midnightblue": "#191970", "mintcream": "#F5FFFA",
    "mistyrose": "#FFE4E1", "moccasin": "#FFE4B5", "navajowhite": "#FFDEAD",
    "navy": "#000080", "oldlace": "#FDF5E6", "olive": "#808000", "olivedrab": "#6B8E23",
    "orange": "#FFA500", "orangered": "#FF4500", "orchid": "#DA70D6",
    "palegoldenrod": "#EEE8AA", "palegreen": "#98FB98", "paleturquoise": "#AFEEEE",
    "palevioletred": "#DB7093", "papayawhip": "#FFEFD5", "peachpuff": "#FFDAB9",
    "peru": "#CD853F", "pink": "#FFC0CB", "plum": "#DDA0DD", "powderblue": "#B0E0E6",
    "purple": "#800080", "red": "#FF0000", "rosybrown": "#BC8F8F", "royalblue": "#4169E1",
    "saddlebrown": "#8B4513", "salmon": "#FA8072", "sandybrown": "#F4A460",
    "seagreen": "#2E8B57", "seashell": "#FFF5EE", "sienna": "#A0522D", "silver": "#C0C0C0",
    "skyblue": "#87CEEB", "slateblue": "#6A5ACD", "slategray": "#708090",
    "slategrey": "#708090", "snow": "#FFFAFA", "springgreen": "#00FF7F",
    "steelblue": "#4682B4", "tan": "#D2B48C", "teal": "#008080", "thistle": "#D8BFD8",
    "tomato": "#FF6347", "turquoise": "#40E0D0", "violet": "#EE82EE", "wheat": "#F5DEB3",
    "white": "#FFFFFF", "whitesmoke": "#F5F5F5", "yellow": "#FFFF00",
    "yellowgreen": "#9ACD32",
}  # fmt: skip


def colors(value: str) -> tuple[str, str] | None:
    """(CSS3 name, ``#RRGGBB``) of an ``event.color``: a name, or the nearest name to a
    hex value (RFC 7986 COLOR takes names only). None for a name CSS3 does not know."""
    if value.startswith("#"):
        rgb = _rgb(value)

        def distance(name: str) -> tuple[int, str]:
            other = _rgb(CSS_COLORS[name])
            return sum((a - b) ** 2 for a, b in zip(other, rgb, strict=True)), name

        name = min(CSS_COLORS, key=distance)
        return name, value.upper()
    hex_value = CSS_COLORS.get(value.lower())
    return (value.lower(), hex_value) if hex_value else None


def _rgb(value: str) -> tuple[int, int, int]:
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def feed_problems(
    agenda: Agenda, speakers: list[str] | tuple[str, ...] = (), lang: str = "en"
) -> list[Diagnostic]:
    """What a command says before writing a feed, as findings in ``lang``: a speaker
    the agenda does not have (AK501, an error) and a colour RFC 7986 cannot carry
    (AK502, left out)."""
    import difflib

    from ..diagnostics import Location
    from ..findings.export import COLOR_NOT_CARRIED, UNKNOWN_SELECTION

    source = agenda.source

    def where(*path: str, key: bool = False) -> Location:
        if source is None:
            return Location("<agenda>", 0, 0, ".".join(path))
        found: Location = source.locate(path, key=key)
        return found

    out = []
    known = list(agenda.speakers)
    for sid in dict.fromkeys(speakers):
        if sid in agenda.speakers:
            continue
        # Where the agenda lists its speakers; its top when it has none.
        at = where("speakers", key=True) if known else where()
        close = difflib.get_close_matches(sid, known, n=1)
        if close:
            found = UNKNOWN_SELECTION.at(
                at, "speaker.suggest", lang=lang, name=sid, suggestion=close[0]
            )
        else:
            listed = ", ".join(f"`{k}`" for k in known[:_LISTED]) or "-"
            if len(known) > _LISTED:
                listed += ", …"
            found = UNKNOWN_SELECTION.at(at, "speaker", lang=lang, name=sid, known=listed)
        out.append(found)
    color = agenda.event.color
    if color is not None and colors(color) is None:
        out.append(COLOR_NOT_CARRIED.at(where("event", "color"), lang=lang, color=color))
    return out


_LISTED = 10  # known ids listed in a finding; more are left to the agenda file
