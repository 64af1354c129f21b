#!/usr/bin/env python3
"""Load on the lesson page through database faults, with a timeline (issue 9's fault table, first rows).

usage: faultload.py URL SESSIONS_FILE   (env PG_DOWN / PG_UP: shell commands that stop / start PostgreSQL)
Timeline: load from t=0; t=5 s PostgreSQL restarted (stop + start); t=15 s stopped; t=25 s started; load ends at t=35 s.
Prints, per phase, requests by status and the time from PostgreSQL accepting connections again to the last failed request.
"""
import http.client, os, random, subprocess, sys, threading, time, urllib.parse

url, sessions_file = sys.argv[1], sys.argv[2]
conns = int(os.environ.get("CONNS", "16"))
host = urllib.parse.urlparse(url)
sessions = [line.rstrip("\n").split("|") for line in open(sessions_file) if line.strip()]
events = []  # (start, end, status, retry_after)
lock = threading.Lock()
stop = threading.Event()


def worker():
    conn = None
    rnd = random.Random()
    while not stop.is_set():
        cookie, slug, lesson = rnd.choice(sessions)[:3]
        start = time.monotonic()
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
            conn.request("GET", f"/Courses/{slug}/{lesson}", headers={"Cookie": cookie, "Sec-Fetch-Site": "same-origin"})
            resp = conn.getresponse()
            resp.read()
            status, retry = resp.status, resp.getheader("Retry-After") is not None
        except Exception:
            status, retry = 0, False
            conn = None
            time.sleep(0.05)
        with lock:
            events.append((start, time.monotonic(), status, retry))


def run(command):
    subprocess.run(["bash", "-c", command], check=True)
    return time.monotonic()


threads = [threading.Thread(target=worker, daemon=True) for _ in range(conns)]
t0 = time.monotonic()
for t in threads:
    t.start()
time.sleep(5)
restart_begin = time.monotonic()
run(os.environ["PG_DOWN"])
restart_up = run(os.environ["PG_UP"])
time.sleep(max(0, 15 - (time.monotonic() - t0)))
stop_begin = time.monotonic()
stop_down = run(os.environ["PG_DOWN"])
time.sleep(10)
stop_up = run(os.environ["PG_UP"])
time.sleep(max(0, 35 - (time.monotonic() - t0)))
stop.set()
for t in threads:
    t.join()


def phase(name, begin, end, up, recovery_end=None):
    rows = [e for e in events if begin <= e[0] < end]
    ok = sum(1 for e in rows if e[2] == 200)
    s503 = sum(1 for e in rows if e[2] == 503)
    s503r = sum(1 for e in rows if e[2] == 503 and e[3])
    s500 = sum(1 for e in rows if e[2] == 500)
    failed = sum(1 for e in rows if e[2] == 0)
    other = len(rows) - ok - s503 - s500 - failed
    recovery_end = recovery_end or end
    last_bad = max((e[1] for e in events if e[2] != 200 and begin <= e[0] < recovery_end), default=None)
    recover = "0" if last_bad is None or last_bad < up else f"{(last_bad - up) * 1000:.0f}"
    slowest = max((e[1] - e[0] for e in rows), default=0)
    print(f"{name:<34} {len(rows):>8} {ok:>7} {s503:>6} {s503r:>8} {s500:>5} {other:>6} {failed:>7} {slowest*1000:>9.0f} {recover:>12}")


print(f"lesson page, {conns} connections; PostgreSQL restart took {restart_up - restart_begin:.1f} s, stop lasted {stop_up - stop_down:.1f} s")
print(f"{'phase':<34} {'requests':>8} {'200':>7} {'503':>6} {'+Retry':>8} {'500':>5} {'other':>6} {'refused':>7} {'max ms':>9} {'recover ms':>12}")
phase("before (0-5 s)", t0, restart_begin, restart_begin)
phase("restart, until 10 s after", restart_begin, min(restart_up + 10, stop_begin), restart_up)
phase("10-s stop (until started)", stop_begin, stop_up, stop_up, stop_up + 10)
phase("after start (10 s)", stop_up, stop_up + 10, stop_up)
