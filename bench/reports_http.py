#!/usr/bin/env python3
"""Issue 14 through HTTP, as a manager's browser and a warehouse would use the host (run by `PART=http bench/reports.sh`).

1. XLSX export: an administrator signs in (the login form, its antiforgery token), GETs /Admin/Reports/Export?format=xlsx&...
   for a filter of about 200,000 cadre rows; prints the time to the last byte, the file size, the rows read back from the
   sheet (streamed out of the zip, no spreadsheet library needed) and the host's peak RSS (VmHWM of its /proc entry) before,
   at the last byte, and 5 s later (the peak: the runtime goes on compiling and collecting after the response).
2. xAPI: issues an API client on the admin page (scoped to a province), then pages GET /xapi/statements with its Basic key,
   following `more` until the stream ends; prints statements per second (XAPI_STREAM=0 skips it).
3. The JSON reporting API with the same key: every page of /api/reports/completion, readiness and hours for the province
   (API_LIMIT rows a page, default 1000; API=0 skips it); rows per second and the page time p50/p95.

usage: reports_http.py BASE HOST_PID ADMIN_EMAIL ADMIN_PASSWORD EXPORT_QUERY PROVINCE_UNIT_ID [LIMIT]
"""
import base64
import http.cookiejar
import json
import os
import re
import sys
import threading
import time
import urllib.parse
import urllib.request
import zipfile

base, pid, email, password, export_query, unit_id = sys.argv[1:7]
limit = int(sys.argv[7]) if len(sys.argv) > 7 else 500


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
browser.addheaders = [("Sec-Fetch-Site", "same-origin"), ("User-Agent", "reports-bench")]


def get(path):
    try:
        with browser.open(base + path) as r:
            return r.status, r.read().decode("utf-8"), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace"), e.headers


def post(path, fields):
    _, page, _ = get(path.split("?")[0])
    token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(dict(fields, __RequestVerificationToken=token)).encode()
    try:
        with browser.open(urllib.request.Request(base + path, data=data)) as r:
            return r.status, r.read().decode("utf-8"), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace"), e.headers


def peak_rss_mb(of=None):
    with open(f"/proc/{of or pid}/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1)) / 1024


class ChildPeaks(threading.Thread):
    """Watches the host's child processes (a workbook written by a process of its own, ADR-047) every 20 ms while it runs and
    keeps each one's high-water mark (VmHWM): a child's /proc entry is gone when it exits, so its last reading is the one kept."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peaks = {}
        self.running = True

    def run(self):
        while self.running:
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        ppid = f.read().rsplit(")", 1)[1].split()[1]
                    if ppid == pid:
                        self.peaks[entry] = max(self.peaks.get(entry, 0), peak_rss_mb(entry))
                except (OSError, AttributeError, IndexError):
                    pass
            time.sleep(0.02)


status, _, _ = post("/Account/Login", {"email": email, "password": password, "returnUrl": "/Admin"})
assert status in (302, 303), f"sign-in answered {status}"

# 1. XLSX export
before = peak_rss_mb()
children = ChildPeaks()
children.start()
start = time.monotonic()
# EXPORT_PATH=/Admin/Reports/Hours/Export with EXPORT_QUERY "year=2026": the training hours' workbook instead.
request = urllib.request.Request(base + os.environ.get("EXPORT_PATH", "/Admin/Reports/Export") + "?format=xlsx&" + export_query)
size = 0
with browser.open(request) as r, open("/tmp/reports-bench-export.xlsx", "wb") as out:
    assert r.status == 200, r.status
    while chunk := r.read(1 << 16):
        size += len(chunk)
        out.write(chunk)
seconds = time.monotonic() - start
after = peak_rss_mb()
rows = 0
with zipfile.ZipFile("/tmp/reports-bench-export.xlsx") as z:
    sheets = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    for name in sheets:
        with z.open(name) as sheet:
            tail = b""
            while chunk := sheet.read(1 << 20):
                rows += (tail + chunk).count(b"<x:row") + (tail + chunk).count(b"<row")
                tail = chunk[-8:]
# The runtime goes on after the last byte (the export's methods compiled again at tier 1, a background collection): the
# high-water mark a few seconds later is the export's true peak.
time.sleep(5)
settled = peak_rss_mb()
children.running = False
child = max(children.peaks.values(), default=0)
print(f"xlsx export: {seconds:.2f} s, {size / 1e6:.1f} MB, {rows:,} rows in {len(sheets)} sheets; host peak RSS {before:.0f} MB before, "
      f"{after:.0f} MB at the last byte, {settled:.0f} MB 5 s later; "
      + (f"written by {len(children.peaks)} process(es) of its own, peak RSS {child:.0f} MB" if children.peaks else "written in the host"))
print(f"RESULT xlsx_s={seconds:.2f} xlsx_mb={size / 1e6:.1f} xlsx_rows={rows} rss_before_mb={before:.0f} rss_last_byte_mb={after:.0f} rss_peak_mb={settled:.0f} "
      f"export_process_peak_mb={child:.0f}")

if os.environ.get("XAPI", "1") == "0":
    sys.exit(0)

# 2. xAPI statements, as a warehouse pages through them
status, page, _ = post("/Admin/Reports/api-clients?handler=Issue", {"Name": f"Kho dữ liệu tỉnh (thử tải {time.strftime('%H:%M:%S')})", "UnitId": unit_id})
key = re.search(r'id="issued-key">([^<]+)<', page)
secret = re.search(r'id="issued-secret"[^>]*>([^<]+)<', page)
assert key and secret, f"no key issued ({status})"
auth = "Basic " + base64.b64encode(f"{key.group(1)}:{secret.group(1)}".encode()).decode()

# 3. The JSON reporting API, as a warehouse pulls a whole province (no changedSince): every page of each report, its time.
def get_json(url, headers):
    """GETs a page with the API key; a 429 waits its Retry-After and asks again. Returns the body and the answered request's time."""
    while True:
        req = urllib.request.Request(url, headers=dict(headers, Authorization=auth))
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(req) as r:
                return json.load(r), time.monotonic() - t0
        except urllib.error.HTTPError as e:
            if e.code != 429:
                raise
            time.sleep(float(e.headers.get("Retry-After", "1")))

def api_pages(report, page_limit):
    url = f"{base}/api/reports/{report}?limit={page_limit}"
    rows = 0
    times = []
    while url:
        body, seconds = get_json(url, {})
        times.append(seconds)
        rows += len(body["rows"])
        url = urllib.parse.urljoin(base, body["next"]) if body.get("next") else None
    times.sort()
    total = sum(times)
    p50 = times[len(times) // 2] * 1000
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))] * 1000
    print(f"api {report}: {rows:,} rows in {len(times):,} pages of {page_limit} in {total:.1f} s = {rows / total:,.0f} rows/s; page p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print(f"RESULT api_{report}_rows={rows} api_{report}_pages={len(times)} api_{report}_s={total:.1f} api_{report}_p50_ms={p50:.0f} api_{report}_p95_ms={p95:.0f}")

if os.environ.get("API", "1") == "1":
    for report in ("completion", "readiness", "hours"):
        api_pages(report, int(os.environ.get("API_LIMIT", "1000")))
if os.environ.get("XAPI_STREAM", "1") == "0":
    sys.exit(0)

url = f"{base}/xapi/statements?limit={limit}"
count = pages = 0
start = time.monotonic()
while url:
    body, _ = get_json(url, {"X-Experience-API-Version": "1.0.3"})
    count += len(body["statements"])
    pages += 1
    url = urllib.parse.urljoin(base, body["more"]) if body.get("more") else None
seconds = time.monotonic() - start
print(f"xapi: {count:,} statements in {pages:,} pages of {limit} in {seconds:.1f} s = {count / seconds:,.0f} statements/s")
print(f"RESULT xapi_statements={count} xapi_pages={pages} xapi_s={seconds:.1f} xapi_per_s={count / seconds:.0f}")
