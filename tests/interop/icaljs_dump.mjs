#!/usr/bin/env node
// Dump what ical.js (the parser of Thunderbird and many web calendars) reads from an
// .ics file, as JSON of the same shape as libical_dump.py:
//
//     node tests/interop/icaljs_dump.mjs FILE.ics
//
// - parser: "ical.js VERSION";
// - events: per VEVENT, in file order: uid, summary, location, start_utc and end_utc
//   ("YYYY-MM-DDTHH:MM:SSZ", or null for a floating or all-day time, which has no
//   instant), start_local/end_local (the value as ical.js holds it), tzid/end_tzid
//   (the TZID parameter of DTSTART/DTEND, or null) and floating (true when the
//   time of DTSTART or DTEND is in ical.js's floating zone, or has none);
// - problems: what was found wrong while reading times: a TZID that no VTIMEZONE of
//   the file defines, or a time whose zone did not come from the file's VTIMEZONE.
//
// Every VTIMEZONE of the file is registered with ICAL.TimezoneService before the
// events are read, so TZID references resolve to the zones the file defines.
//
// For invitations and feeds, each event also has sequence, status, dtstamp, organizer
// and attendees ({address, cn, role, partstat, rsvp}), alarms ({action, trigger,
// description}), related_to, url, geo ([lat, lon]), description, start_date/end_date
// (YYYY-MM-DD of an all-day event) and properties (names in order); the object has
// calendar: method, properties and values (name -> value; "NAME;VALUE=TYPE" keys where
// a VALUE parameter is given). With several files: {"files": [one object per file]}.
//
// Exit status: 0 when the file was read, 2 on bad usage, 1 when the file cannot be
// read or parsed or is not a VCALENDAR.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ICAL from "ical.js";

function icalVersion() {
  // The package's exports hide its package.json: find it beside its dist/ folder.
  const main = createRequire(import.meta.url).resolve("ical.js");
  const manifest = main.replace(/dist[\\/][^\\/]+$/, "package.json");
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}

function fail(message) {
  process.stderr.write(`icaljs_dump: ${message}\n`);
  process.exit(1);
}

function pad(n, width = 2) {
  return String(n).padStart(width, "0");
}

function iso(t) {
  return (
    `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}` +
    `T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}Z`
  );
}

function isFloating(time) {
  return !time.zone || time.zone === ICAL.Timezone.localTimezone || time.zone.tzid === "floating";
}

function readTime(vevent, name, vtimezones, problems) {
  // [utc, local, tzid, floating] of the DTSTART or DTEND of vevent.
  const uid = vevent.getFirstPropertyValue("uid");
  const prop = vevent.getFirstProperty(name);
  let time;
  let tzid = null;
  if (prop) {
    tzid = prop.getParameter("tzid") ?? null;
    try {
      time = prop.getFirstValue();
    } catch (err) {
      // ical.js reads values lazily: a malformed one throws only now.
      problems.push(`${uid}: ${name.toUpperCase()} cannot be read: ${err.message}`);
      return [null, null, tzid, false];
    }
  } else if (name === "dtstart") {
    problems.push(`${uid}: no DTSTART`);
    return [null, null, null, false];
  } else {
    // No DTEND: DTSTART + DURATION, or (RFC 5545, 3.6.1) the start itself.
    time = new ICAL.Event(vevent).endDate;
    tzid = vevent.getFirstProperty("dtstart").getParameter("tzid") ?? null;
  }
  if (!(time instanceof ICAL.Time)) {
    problems.push(`${uid}: ${name.toUpperCase()} is not a date-time: ${String(time)}`);
    return [null, String(time), tzid, false];
  }
  const local = time.toString();
  if (time.isDate || isFloating(time)) {
    if (tzid) {
      problems.push(
        `${uid}: ${name.toUpperCase()};TZID=${tzid} did not resolve to a zone (ical.js made it floating)`,
      );
    }
    return [null, local, tzid, true];
  }
  if (tzid && time.zone !== ICAL.Timezone.utcTimezone && !vtimezones.includes(time.zone.component)) {
    problems.push(
      `${uid}: ${name.toUpperCase()};TZID=${tzid} resolved to a zone that is not the file's VTIMEZONE`,
    );
  }
  const utc = time.convertToZone(ICAL.Timezone.utcTimezone);
  const result = iso(utc);
  // ical.js's own instant (Unix time, via the zone's offset) must say the same.
  const unix = new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
  if (unix !== result) {
    problems.push(`${uid}: ${name.toUpperCase()} ${local}: toUnixTime gives ${unix}, not ${result}`);
  }
  return [result, local, tzid, false];
}

function param(prop, name) {
  const value = prop.getParameter(name);
  return value === undefined || value === null ? null : String(value);
}

function text(value) {
  return value === undefined || value === null ? null : String(value);
}

function allDay(vevent, name) {
  const prop = vevent.getFirstProperty(name);
  if (!prop) return null;
  let value;
  try {
    value = prop.getFirstValue();
  } catch {
    return null; // a malformed value: readTime reports it
  }
  return value instanceof ICAL.Time && value.isDate ? value.toString() : null;
}

function details(vevent) {
  const organizer = vevent.getFirstProperty("organizer");
  const geo = vevent.getFirstPropertyValue("geo");
  const stamp = vevent.getFirstPropertyValue("dtstamp");
  const sequence = vevent.getFirstPropertyValue("sequence");
  return {
    sequence: sequence === null ? null : Number(sequence),
    status: text(vevent.getFirstPropertyValue("status")),
    dtstamp: stamp ? iso(stamp.convertToZone(ICAL.Timezone.utcTimezone)) : null,
    organizer: organizer
      ? { address: String(organizer.getFirstValue()), cn: param(organizer, "cn") }
      : null,
    attendees: vevent.getAllProperties("attendee").map((p) => ({
      address: String(p.getFirstValue()),
      cn: param(p, "cn"),
      role: param(p, "role"),
      partstat: param(p, "partstat"),
      rsvp: param(p, "rsvp"),
    })),
    alarms: vevent.getAllSubcomponents("valarm").map((alarm) => ({
      action: text(alarm.getFirstPropertyValue("action")),
      trigger: text(alarm.getFirstPropertyValue("trigger")),
      description: text(alarm.getFirstPropertyValue("description")),
    })),
    related_to: vevent.getAllProperties("related-to").map((p) => String(p.getFirstValue())),
    url: text(vevent.getFirstPropertyValue("url")),
    geo: geo ? [Number(geo[0]), Number(geo[1])] : null,
    description: text(vevent.getFirstPropertyValue("description")),
    start_date: allDay(vevent, "dtstart"),
    end_date: allDay(vevent, "dtend"),
    properties: vevent.getAllProperties().map((p) => p.name.toUpperCase()),
  };
}

function calendarInfo(calendar) {
  const values = {};
  for (const prop of calendar.getAllProperties()) {
    const name = prop.name.toUpperCase();
    // ical.js turns a VALUE parameter into the property's type: a type other than the
    // default of the property (or "unknown" for one it does not know) was given.
    const known = ICAL.design.icalendar.property[prop.name];
    const fallback = known ? known.defaultType : "unknown";
    const key = prop.type !== fallback ? `${name};VALUE=${prop.type.toUpperCase()}` : name;
    values[key] = text(prop.getFirstValue());
  }
  return {
    method: text(calendar.getFirstPropertyValue("method")),
    properties: calendar.getAllProperties().map((p) => p.name.toUpperCase()),
    values,
  };
}

function dump(text) {
  let jcal;
  try {
    jcal = ICAL.parse(text);
  } catch (err) {
    fail(`ical.js could not parse the file: ${err.message}`);
  }
  // ICAL.parse gives one jCal component, or an array when there are several.
  if (Array.isArray(jcal) && Array.isArray(jcal[0])) {
    if (jcal.length !== 1) {
      fail(`the file holds ${jcal.length} top-level components, not one VCALENDAR`);
    }
    jcal = jcal[0];
  }
  const calendar = new ICAL.Component(jcal);
  if (calendar.name !== "vcalendar") {
    fail(`the top-level component is ${calendar.name.toUpperCase()}, not VCALENDAR`);
  }
  const problems = [];
  const vtimezones = calendar.getAllSubcomponents("vtimezone");
  for (const vtimezone of vtimezones) {
    if (!vtimezone.getFirstPropertyValue("tzid")) {
      problems.push("a VTIMEZONE has no TZID");
      continue;
    }
    ICAL.TimezoneService.register(vtimezone);
  }
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const [startUtc, startLocal, tzid, startFloating] = readTime(vevent, "dtstart", vtimezones, problems);
    const [endUtc, endLocal, endTzid, endFloating] = readTime(vevent, "dtend", vtimezones, problems);
    return {
      uid: vevent.getFirstPropertyValue("uid"),
      summary: vevent.getFirstPropertyValue("summary"),
      location: vevent.getFirstPropertyValue("location"),
      start_utc: startUtc,
      end_utc: endUtc,
      start_local: startLocal,
      end_local: endLocal,
      tzid,
      end_tzid: endTzid,
      floating: startFloating || endFloating,
      ...details(vevent),
    };
  });
  return { parser: `ical.js ${icalVersion()}`, events, problems, calendar: calendarInfo(calendar) };
}

function read(path) {
  let content;
  try {
    content = readFileSync(path, "utf8");
  } catch (err) {
    fail(`cannot read ${path}: ${err.message}`);
  }
  if (!content.trim()) {
    fail(`${path} is empty`);
  }
  return dump(content);
}

function main(argv) {
  if (argv.length < 1 || argv[0] === "-h" || argv[0] === "--help") {
    process.stderr.write("usage: node icaljs_dump.mjs FILE.ics [FILE.ics...]\n");
    process.exit(2);
  }
  const result = argv.length === 1 ? read(argv[0]) : { files: argv.map(read) };
  process.stdout.write(JSON.stringify(result, null, 1) + "\n");
}

main(process.argv.slice(2));
