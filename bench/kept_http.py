#!/usr/bin/env python3
"""The completion report's landing views, counted and kept (ADR-031), on a country-sized database (`PART=kept bench/reports.sh`).

Signs in as the administrator, then for each view (the whole country, every course; a province's breakdown, every course; the
country for one course): the first visit (counted: the same work as before views were kept), then RUNS visits more. Prints
each visit's time and whether it was served kept (the page's "counted at" note), and the medians of the kept visits.
Then "Count again now" (`live=1`) once per view: a count on request.

usage: kept_http.py BASE ADMIN_EMAIL ADMIN_PASSWORD PROVINCE_PATH COURSE_ID   (env RUNS=5)
"""
import os
import statistics
import sys
import urllib.parse

from signed_in import SignedIn

base, email, password, province, course = sys.argv[1:6]
runs = int(os.environ.get("RUNS", "5"))
get = SignedIn(base, email, password, agent="kept-bench").get

views = [
    ("country, every course", "/Admin/Reports"),
    ("province by commune, every course", "/Admin/Reports?under=" + urllib.parse.quote(province, safe="")),
    ("country, one course", f"/Admin/Reports?course={course}"),
]
print("| view | first visit (ms) | kept? | next visits median / max (ms) | kept? | count again now (ms) |")
print("|---|---|---|---|---|---|")
failed = False
for name, path in views:
    status, body, first = get(path)
    failed |= status != 200
    first_kept = 'id="kept-note"' in body
    times, kept = [], []
    for _ in range(runs):
        status, body, ms = get(path)
        failed |= status != 200
        times.append(ms)
        kept.append('id="kept-note"' in body)
    status, body, live = get(path + ("&" if "?" in path else "?") + "live=1")
    failed |= status != 200 or 'id="kept-note"' in body
    print(f"| {name} | {first:,.0f} | {'yes' if first_kept else 'no'} | {statistics.median(times):,.0f} / {max(times):,.0f} | "
          f"{'all' if all(kept) else 'none' if not any(kept) else f'{sum(kept)} of {runs}'} | {live:,.0f} |")
    print(f"RESULT view=\"{name}\" first_ms={first:.0f} next_median_ms={statistics.median(times):.0f} kept={sum(kept)}/{runs} live_ms={live:.0f}")
sys.exit(1 if failed else 0)
