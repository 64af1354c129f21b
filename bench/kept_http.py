#!/usr/bin/env python3
"""The completion report's landing views, counted and kept (ADR-031), on a country-sized database (`PART=kept bench/reports.sh`).

Signs in as the administrator, then for each view (the whole country, every course; a province's breakdown, every course; the
country for one course): the first visit (counted: the same work as before views were kept), then RUNS visits more. Prints
each visit's time and whether it was served kept (the page's "counted at" note), and the medians of the kept visits.
Then "Count again now" (`live=1`) once per view: a count on request.

usage: kept_http.py BASE ADMIN_EMAIL ADMIN_PASSWORD PROVINCE_PATH COURSE_ID   (env RUNS=5)
"""
import http.cookiejar
import os
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

base, email, password, province, course = sys.argv[1:6]
runs = int(os.environ.get("RUNS", "5"))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())
browser.addheaders = [("Sec-Fetch-Site", "same-origin"), ("User-Agent", "kept-bench")]


def get(path):
    started = time.monotonic()
    try:
        with browser.open(base + path, timeout=600) as response:
            status, body = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode("utf-8", "replace")
    return status, body, (time.monotonic() - started) * 1000


_, login, _ = get("/Account/Login")
token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', login).group(1)
form = urllib.parse.urlencode({"email": email, "password": password, "__RequestVerificationToken": token}).encode()
try:
    browser.open(urllib.request.Request(base + "/Account/Login", data=form))
except urllib.error.HTTPError:
    pass  # the redirect after signing in

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
