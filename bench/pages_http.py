#!/usr/bin/env python3
"""Every page an administrator reaches, timed on a country-sized database (run by `PART=pages bench/reports.sh`).

Signs in through the login form, then walks the links of each page breadth-first from / and /Admin (GET only; no exports,
downloads, media or sign-out; at most two URLs of one shape such as /Admin/Readiness/Cadre/N), up to MAX_PAGES pages. Then
times the TOP slowest again, RUNS times each, and prints their medians: the first visit of a page also pays for compiling it.
A 5xx anywhere fails the run.

usage: pages_http.py BASE ADMIN_EMAIL ADMIN_PASSWORD   (env MAX_PAGES=150 TOP=15 RUNS=3)
"""
import html
import os
import re
import statistics
import sys

from signed_in import SignedIn

base, email, password = sys.argv[1:4]
max_pages = int(os.environ.get("MAX_PAGES", "150"))
top = int(os.environ.get("TOP", "15"))
runs = int(os.environ.get("RUNS", "3"))


session = SignedIn(base, email, password, agent="pages-bench", timeout=300)
get = session.get

skip = re.compile(r"/Account/(Logout|Culture)|\.(xlsx|csv|pdf|zip|mp4|m3u8|vtt|jpg|png|svg|css|js|ico|webm)(\?|$)|/download|/export|format=|/media/|/files/", re.I)
def shape(path):
    return re.sub(r"\d+", "N", path.split("?")[0])

seen, queue, first = set(), ["/", "/Admin"], []
shapes = {}
while queue and len(seen) < max_pages:
    path = queue.pop(0)
    if path in seen:
        continue
    seen.add(path)
    status, body, ms = get(path)
    first.append((ms, status, path))
    for href in re.findall(r'href="(/[^"#]*)"', body):
        href = html.unescape(href)
        if skip.search(href) or href in seen or href in queue or shapes.get(shape(href), 0) >= 2:
            continue
        shapes[shape(href)] = shapes.get(shape(href), 0) + 1
        queue.append(href)

errors = [f"{status} {path}" for _, status, path in first if status >= 500]
first.sort(reverse=True)
print(f"pages visited: {len(first)}; first visits over 1 s: {sum(1 for ms, _, _ in first if ms > 1000)}; 5xx: {errors or 'none'}")
print(f"the {top} slowest, timed again ({runs} runs each, median / max):")
for _, status, path in first[:top]:
    times = [get(path)[2] for _ in range(runs)]
    print(f"  {statistics.median(times):9.0f} ms / {max(times):7.0f} ms  {status} {path}")
sys.exit(1 if errors else 0)
