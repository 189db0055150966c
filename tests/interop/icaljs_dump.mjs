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
    };
  });
  return { parser: `ical.js ${icalVersion()}`, events, problems };
}

function main(argv) {
  if (argv.length !== 1 || argv[0] === "-h" || argv[0] === "--help") {
    process.stderr.write("usage: node icaljs_dump.mjs FILE.ics\n");
    process.exit(2);
  }
  const path = argv[0];
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    fail(`cannot read ${path}: ${err.message}`);
  }
  if (!text.trim()) {
    fail(`${path} is empty`);
  }
  process.stdout.write(JSON.stringify(dump(text), null, 1) + "\n");
}

main(process.argv.slice(2));
