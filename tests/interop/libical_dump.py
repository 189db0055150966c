#!/usr/bin/python3
"""Dump what libical (through its GObject bindings, ICalGLib) reads from an .ics file.

Run with the system Python, which has the bindings (Debian: python3-gi, gir1.2-ical-3.0):

    /usr/bin/python3 tests/interop/libical_dump.py FILE.ics

Prints one JSON object:

- ``parser``: "libical (ICalGLib 3.0)";
- ``events``: per VEVENT, in file order: ``uid``, ``summary``, ``location``,
  ``start_utc`` and ``end_utc`` ("YYYY-MM-DDTHH:MM:SSZ", or null for a floating or
  all-day time, which has no instant), ``start_local``/``end_local`` (the value as
  written), ``tzid``/``end_tzid`` (the TZID parameter of DTSTART/DTEND, or null) and
  ``floating`` (true when DTSTART or DTEND has neither a zone nor UTC);
- ``problems``: what this script found wrong while reading times: a TZID with no
  VTIMEZONE of that id in the file, or a disagreement between the instant worked out
  here and the one libical's own ``icalcomponent_get_dtstart``/``get_dtend`` give;
- ``x_lic_errors``: every X-LIC-ERROR property libical's parser put anywhere in the
  calendar (it adds them instead of failing), as ``{component, uid, type, message}``;
- ``restriction_check``: ``{"valid": bool, "errors": [...]}``, the result of libical's
  iTIP restriction check (``icalrestriction_check``) and the X-LIC-ERRORs it added
  (type INVALID-ITIP). It runs on a copy, so ``x_lic_errors`` are the parser's alone.

Times with a TZID are converted to UTC with the VTIMEZONE of that TZID in the file
itself (libical's built-in zone database is never consulted).

For invitations and feeds, each event also has ``sequence``, ``status``, ``dtstamp``,
``organizer`` and ``attendees`` (``{address, cn, role, partstat, rsvp}``), ``alarms``
(``{action, trigger, description}``), ``related_to``, ``url``, ``geo`` ([lat, lon]),
``description``, ``start_date``/``end_date`` (YYYY-MM-DD of an all-day event) and
``properties`` (the names of its properties, in order); the object has ``calendar``:
``method``, ``properties`` and ``values`` (name -> decoded value of the calendar's own
properties, TEXT unescaped, with ``;VALUE=`` kept as ``NAME;VALUE=TYPE`` keys).

With several files, prints ``{"files": [one object per file]}``.

Exit status: 0 when the file was read (whatever it contains), 2 on bad usage, 1 when
the file cannot be read or is not an iCalendar object.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any, NoReturn

try:
    import gi

    gi.require_version("ICalGLib", "3.0")
    from gi.repository import ICalGLib
except (ImportError, ValueError) as exc:  # ValueError: the typelib is missing
    sys.exit(f"libical_dump: cannot load libical's GObject bindings (ICalGLib 3.0): {exc}")

UTC = ICalGLib.Timezone.get_utc_timezone()
ANY = ICalGLib.PropertyKind.ANY_PROPERTY


def fail(message: str) -> NoReturn:
    sys.exit(f"libical_dump: {message}")


def kind_name(component: Any) -> str:
    return str(ICalGLib.Component.kind_to_string(component.isa()))


def children(component: Any, kind: Any = None) -> list[Any]:
    """The direct subcomponents of ``component`` (all, or those of one kind)."""
    kind = ICalGLib.ComponentKind.ANY_COMPONENT if kind is None else kind
    out = []
    child = component.get_first_component(kind)
    while child is not None:
        out.append(child)
        child = component.get_next_component(kind)
    return out


def properties(component: Any, kind: Any) -> list[Any]:
    out = []
    prop = component.get_first_property(kind)
    while prop is not None:
        out.append(prop)
        prop = component.get_next_property(kind)
    return out


def x_lic_errors(component: Any) -> list[dict[str, str | None]]:
    """Every X-LIC-ERROR in ``component`` and, recursively, in its subcomponents."""
    found = []
    uid_prop = component.get_first_property(ICalGLib.PropertyKind.UID_PROPERTY)
    uid = uid_prop.get_uid() if uid_prop is not None else None
    for prop in properties(component, ICalGLib.PropertyKind.XLICERROR_PROPERTY):
        param = prop.get_first_parameter(ICalGLib.ParameterKind.XLICERRORTYPE_PARAMETER)
        # as_ical_string is "X-LIC-ERRORTYPE=VALUE-PARSE-ERROR"
        error_type = param.as_ical_string().partition("=")[2] if param is not None else None
        found.append(
            {
                "component": kind_name(component),
                "uid": uid,
                "type": error_type,
                "message": prop.get_xlicerror(),
            }
        )
    for child in children(component):
        found.extend(x_lic_errors(child))
    return found


def error_key(error: dict[str, str | None]) -> tuple[str | None, ...]:
    return error["component"], error["uid"], error["type"], error["message"]


def restriction_check(calendar: Any, parse_errors: list[dict[str, str | None]]) -> dict[str, Any]:
    """libical's iTIP restriction check, on a copy; the X-LIC-ERRORs it adds."""
    copy = calendar.clone()
    valid = bool(ICalGLib.restriction_check(copy))
    already = Counter(error_key(e) for e in parse_errors)
    added = []
    for error in x_lic_errors(copy):
        key = error_key(error)
        if already[key]:
            already[key] -= 1
        else:
            added.append(error)
    return {"valid": valid, "errors": added}


def iso(t: Any) -> str:
    return (
        f"{t.get_year():04d}-{t.get_month():02d}-{t.get_day():02d}"
        f"T{t.get_hour():02d}:{t.get_minute():02d}:{t.get_second():02d}Z"
    )


def read_time(
    calendar: Any, event: Any, name: str, problems: list[str]
) -> tuple[str | None, str | None, str | None, bool]:
    """(utc, local, tzid, floating) of the DTSTART or DTEND of ``event``."""
    kind = getattr(ICalGLib.PropertyKind, f"{name}_PROPERTY")
    prop = event.get_first_property(kind)
    uid = event.get_uid()
    if prop is None:
        if name == "DTSTART":
            problems.append(f"{uid}: no DTSTART")
            return None, None, None, False
        # No DTEND: libical works the end out from DURATION; with neither, the event
        # ends when it starts (RFC 5545, 3.6.1). Either way in the zone of DTSTART,
        # which must then be the file's (if it is not, DTSTART's problem says so).
        start = event.get_first_property(ICalGLib.PropertyKind.DTSTART_PROPERTY)
        param = start.get_first_parameter(ICalGLib.ParameterKind.TZID_PARAMETER) if start else None
        if start is None or (param is not None and calendar.get_timezone(param.get_tzid()) is None):
            return None, None, None, False
        end = event.get_dtend()
        if end.is_null_time():
            end = event.get_dtstart()
        local = end.as_ical_string()
        if end.is_date() or (not end.is_utc() and end.get_timezone() is None):
            return None, local, None, True
        return iso(end.convert_to_zone(UTC)), local, None if end.is_utc() else end.get_tzid(), False
    value = prop.get_dtstart() if name == "DTSTART" else prop.get_dtend()
    local = value.as_ical_string()
    param = prop.get_first_parameter(ICalGLib.ParameterKind.TZID_PARAMETER)
    tzid = param.get_tzid() if param is not None else None
    if value.is_date():
        return None, local, tzid, True
    if value.is_utc():
        zone = UTC
        if tzid is not None:
            problems.append(f"{uid}: {name} is UTC and also has TZID={tzid}")
    elif tzid is None:
        return None, local, None, True
    else:
        # The zone of this TZID as the file defines it, not libical's built-in one.
        zone = calendar.get_timezone(tzid)
        if zone is None:
            problems.append(f"{uid}: {name};TZID={tzid} has no VTIMEZONE of that TZID in the file")
            return None, local, tzid, False
        value.set_timezone(zone)
    utc = value.convert_to_zone(UTC)
    result = iso(utc)
    # Two more of libical's own ways to the same instant must agree with this one.
    seconds = value.as_timet_with_zone(zone)
    if seconds != utc.as_timet_with_zone(UTC):
        problems.append(f"{uid}: {name} {local}: as_timet_with_zone gives {seconds}, not {result}")
    own = event.get_dtstart() if name == "DTSTART" else event.get_dtend()
    own_utc = iso(own.convert_to_zone(UTC)) if (own.is_utc() or own.get_timezone()) else None
    if own_utc != result:
        problems.append(
            f"{uid}: {name} {local}: icalcomponent_get_{name.lower()} gives {own_utc}, "
            f"the file's VTIMEZONE gives {result}"
        )
    return result, local, tzid, False


def unescape(text: str | None) -> str | None:
    """An RFC 5545 TEXT value as its reader sees it."""
    if text is None:
        return None
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def param(prop: Any, kind: Any) -> str | None:
    found = prop.get_first_parameter(kind)
    if found is None:
        return None
    if kind == ICalGLib.ParameterKind.CN_PARAMETER:
        return str(found.get_cn())
    return str(found.as_ical_string().partition("=")[2])


def property_names(component: Any) -> list[str]:
    return [str(p.get_property_name()) for p in properties(component, ANY)]


def value(prop: Any | None) -> str | None:
    return str(prop.get_value_as_string()) if prop is not None else None


def first(component: Any, kind: Any) -> Any | None:
    return component.get_first_property(kind)


def details(event: Any) -> dict[str, Any]:
    """What invitations add to an event: iTIP fields, alarms, links and place."""
    kinds = ICalGLib.PropertyKind
    organizer = first(event, kinds.ORGANIZER_PROPERTY)
    attendees = [
        {
            "address": str(p.get_attendee()),
            "cn": param(p, ICalGLib.ParameterKind.CN_PARAMETER),
            "role": param(p, ICalGLib.ParameterKind.ROLE_PARAMETER),
            "partstat": param(p, ICalGLib.ParameterKind.PARTSTAT_PARAMETER),
            "rsvp": param(p, ICalGLib.ParameterKind.RSVP_PARAMETER),
        }
        for p in properties(event, kinds.ATTENDEE_PROPERTY)
    ]
    alarms = [
        {
            "action": value(first(alarm, kinds.ACTION_PROPERTY)),
            "trigger": value(first(alarm, kinds.TRIGGER_PROPERTY)),
            "description": unescape(value(first(alarm, kinds.DESCRIPTION_PROPERTY))),
        }
        for alarm in children(event, ICalGLib.ComponentKind.VALARM_COMPONENT)
    ]
    geo = first(event, kinds.GEO_PROPERTY)
    stamp = first(event, kinds.DTSTAMP_PROPERTY)
    sequence = first(event, kinds.SEQUENCE_PROPERTY)
    dates = {}
    for name in ("DTSTART", "DTEND"):
        prop = first(event, getattr(kinds, f"{name}_PROPERTY"))
        time = None
        if prop is not None:
            time = prop.get_dtstart() if name == "DTSTART" else prop.get_dtend()
        dates[name] = (
            f"{time.get_year():04d}-{time.get_month():02d}-{time.get_day():02d}"
            if time is not None and time.is_date()
            else None
        )
    return {
        "sequence": int(sequence.get_sequence()) if sequence is not None else None,
        "status": value(first(event, kinds.STATUS_PROPERTY)),
        "dtstamp": iso(stamp.get_dtstamp()) if stamp is not None else None,
        "organizer": {
            "address": str(organizer.get_organizer()),
            "cn": param(organizer, ICalGLib.ParameterKind.CN_PARAMETER),
        }
        if organizer is not None
        else None,
        "attendees": attendees,
        "alarms": alarms,
        "related_to": [str(p.get_relatedto()) for p in properties(event, kinds.RELATEDTO_PROPERTY)],
        "url": value(first(event, kinds.URL_PROPERTY)),
        "geo": [geo.get_geo().get_lat(), geo.get_geo().get_lon()] if geo is not None else None,
        "description": unescape(value(first(event, kinds.DESCRIPTION_PROPERTY))),
        "start_date": dates["DTSTART"],
        "end_date": dates["DTEND"],
        "properties": property_names(event),
    }


# Calendar properties whose value is TEXT (libical gives them escaped); libical
# already unescapes the values of X- properties.
TEXT_PROPERTIES = {"NAME", "DESCRIPTION"}


def calendar_info(calendar: Any) -> dict[str, Any]:
    values: dict[str, str | None] = {}
    for prop in properties(calendar, ANY):
        name = str(prop.get_property_name())
        kind = param(prop, ICalGLib.ParameterKind.VALUE_PARAMETER)
        key = f"{name};VALUE={kind}" if kind else name
        text = value(prop)
        values[key] = unescape(text) if name in TEXT_PROPERTIES else text
    return {
        "method": values.get("METHOD"),
        "properties": property_names(calendar),
        "values": values,
    }


def dump(text: str) -> dict[str, Any]:
    try:
        calendar = ICalGLib.Component.new_from_string(text)
    except TypeError:  # "constructor returned NULL"
        calendar = None
    if calendar is None:
        fail("libical found no iCalendar component in the file")
    kind = calendar.isa()
    if kind == ICalGLib.ComponentKind.XROOT_COMPONENT:
        fail("the file holds more than one top-level component")
    if kind != ICalGLib.ComponentKind.VCALENDAR_COMPONENT:
        fail(f"the top-level component is {kind_name(calendar)}, not VCALENDAR")
    parse_errors = x_lic_errors(calendar)
    problems: list[str] = []
    events = []
    for event in children(calendar, ICalGLib.ComponentKind.VEVENT_COMPONENT):
        start_utc, start_local, tzid, start_floating = read_time(
            calendar, event, "DTSTART", problems
        )
        end_utc, end_local, end_tzid, end_floating = read_time(calendar, event, "DTEND", problems)
        events.append(
            {
                "uid": event.get_uid(),
                "summary": event.get_summary(),
                "location": event.get_location(),
                "start_utc": start_utc,
                "end_utc": end_utc,
                "start_local": start_local,
                "end_local": end_local,
                "tzid": tzid,
                "end_tzid": end_tzid,
                "floating": start_floating or end_floating,
                **details(event),
            }
        )
    return {
        "parser": "libical (ICalGLib 3.0)",
        "events": events,
        "problems": problems,
        "x_lic_errors": parse_errors,
        "restriction_check": restriction_check(calendar, parse_errors),
        "calendar": calendar_info(calendar),
    }


def read(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"{path} is not UTF-8: {exc}")
    if not text.strip():
        fail(f"{path} is empty")
    return dump(text)


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(f"usage: {argv[0]} FILE.ics [FILE.ics...]", file=sys.stderr)
        return 2
    paths = argv[1:]
    result = read(paths[0]) if len(paths) == 1 else {"files": [read(p) for p in paths]}
    out = json.dumps(result, ensure_ascii=False, indent=1) + "\n"
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
