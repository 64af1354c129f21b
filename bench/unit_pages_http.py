#!/usr/bin/env python3
"""Report pages that break down or filter by unit, at a country's scale (`PART=units bench/reports.sh`): their weight and time.

A country holds 34 provinces, 3,321 communes and about 10,000 units; a page that lists them all (a filter's options, a table
row per commune) is what a manager on a commune's phone pays for. Signs in as the administrator and fetches each page RUNS
times: status, size of the HTML as sent uncompressed and as gzip would send it (level 6, computed here), number of <option>
and of table rows, median and max time to the last byte.

usage: unit_pages_http.py BASE ADMIN_EMAIL ADMIN_PASSWORD PROVINCE_ID COMMUNE_ID COURSE_ID   (env RUNS=3)
"""
import gzip
import os
import statistics
import sys

from signed_in import SignedIn

base, email, password, province, commune, course = sys.argv[1:7]
runs = int(os.environ.get("RUNS", "3"))
get = SignedIn(base, email, password, agent="unit-pages-bench").get

pages = [p for p in [
    ("readiness funnel, country", "/Admin/Reports/Readiness"),
    ("readiness funnel, one province", f"/Admin/Reports/Readiness?unit={province}"),
    ("readiness funnel, one commune", f"/Admin/Reports/Readiness?unit={commune}"),
    ("completion, country, one course", f"/Admin/Reports?course={course}"),
    ("training hours, country", "/Admin/Reports/Hours"),
    ("training hours, one province", f"/Admin/Reports/Hours?under=%2F{province}%2F"),
    ("readiness list, country", "/Admin/Readiness"),
    ("readiness list, one province", f"/Admin/Readiness?unit={province}"),
    ("cadres (organisation), country", "/Admin/Organization/Cadres"),
    ("quiz results, country", f"/Admin/Quizzes/Results?key={os.environ.get('QUIZ', '')}"),
    ("quiz accommodations, country", f"/Admin/Quizzes/Overrides?key={os.environ.get('QUIZ', '')}"),
    ("course assignment rules", f"/Admin/Courses/Assign/{course}"),
    ("hotlines", "/Admin/Media/Hotlines"),
    ("API clients", "/Admin/Reports/api-clients"),
    # Files (their KB are of the bytes as text, approximately): the PDF summary with its three charts, the hours as files.
    ("PDF summary, one province, one course", f"/Admin/Reports/Export?format=pdf&course={course}&under=%2F{province}%2F"),
    ("PDF summary, country, one course", f"/Admin/Reports/Export?format=pdf&course={course}"),
    ("training hours CSV, one province", f"/Admin/Reports/Hours/Export?format=csv&year={os.environ.get('YEAR', '2026')}&under=%2F{province}%2F"),
    ("training hours XLSX, country", f"/Admin/Reports/Hours/Export?format=xlsx&year={os.environ.get('YEAR', '2026')}"),
] if os.environ.get("ONLY", "") in p[0]]
print("| page | status | HTML KB | gzip KB | options | table rows | median / max ms |")
print("|---|---|---|---|---|---|---|")
failed = False
for name, path in pages:
    times = []
    for _ in range(runs):
        status, body, ms = get(path)
        failed |= status != 200
        times.append(ms)
    raw = body.encode("utf-8")
    print(f"| {name} | {status} | {len(raw) / 1024:,.0f} | {len(gzip.compress(raw, 6)) / 1024:,.0f} | {body.count('<option')} | "
          f"{body.count('<tr')} | {statistics.median(times):,.0f} / {max(times):,.0f} |", flush=True)
sys.exit(1 if failed else 0)
