"""Read latency of `factwire serve` while others use the same store: idle, during a 1,000-document
ingest, and during 50 concurrent analyses.

    .venv/bin/python bench/load.py [--seconds 10] [--documents 1000] [--analysts 50] [--readers 4]

Starts `factwire serve` on 127.0.0.1 (an ephemeral port, loopback only) over a temporary store
holding the sample corpus, and runs three phases, each bounded in time:

1. idle: ``--readers`` clients each read the API in a loop, pausing ``--think`` seconds between
   reads, drawn from what the dashboard asks for a company page (its view, four series, periods,
   peers, sentiment, events, facts) and the health probe, for ``--seconds``;
2. ingest: the same reads while one ``POST /api/ingest`` stores ``--documents`` new documents
   (analysed in the server's worker pool, written by its writer thread);
3. idle again, on the store the ingest grew (reads of a company with 140 times the stories cost
   more: this phase tells that apart from the cost of sharing the server with an ingest);
4. analyses: the same reads while ``--analysts`` clients post ``/api/analyze`` in a loop for
   ``--seconds`` (the pool admits ``--workers`` + ``--queue``; the rest get 503 and wait the
   Retry-After they are given, as a well-behaved client does).

Prints read p50/p99/max per phase, the ingest rate, the analyses answered or refused, and the
machine's load average (other processes on a shared machine show up in every figure).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factwire.ingest import read_paths  # noqa: E402
from factwire.pipeline import build_pipeline  # noqa: E402
from factwire.store import Store  # noqa: E402
from factwire.store.owner import owner_path, read_owner  # noqa: E402

# What the dashboard asks for when a user opens a company (web/static/app.js), and the health probe.
READS = [
    "/api/health",
    "/api/entities/xiaomi",  # with its fire-and-ice view
    "/api/entities/xiaomi/series/deliveries",
    "/api/entities/xiaomi/series/sales_volume",
    "/api/entities/xiaomi/series/gross_margin",
    "/api/entities/xiaomi/series/vehicle_gross_margin",
    "/api/periods?metric=deliveries,sales_volume",
    "/api/peers?metric=deliveries,sales_volume&period=2025-10",
    "/api/entities/xiaomi/sentiment",
    "/api/entities/xiaomi/events?limit=500",
    "/api/entities/xiaomi/facts?limit=500",
]
COMPANIES = ["Xiaomi", "NIO", "XPeng", "BYD", "Li Auto", "Geely", "Tesla", "Leapmotor", "Zeekr", "Great Wall Motor"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def documents(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` distinct short delivery stories, written here from templates."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        company, rival = rng.sample(COMPANIES, 2)
        month = rng.choice(MONTHS)
        sold, change, price = rng.randint(5_000, 400_000), rng.randint(-40, 90), rng.uniform(5, 400)
        text = (
            f"{company} delivered {sold:,} vehicles in {month}, {'up' if change >= 0 else 'down'} {abs(change)}% "
            f"from a year earlier, the company said on Monday. Revenue rose to RMB {rng.randint(2, 90)} billion in "
            f"the quarter, with a gross margin of {rng.uniform(5, 30):.1f}%. Its shares "
            f"{'rose' if rng.random() > 0.5 else 'fell'} {rng.uniform(0.5, 9):.1f}% to HK${price:.2f}. "
            f"{rival} said it expects to deliver {rng.randint(10, 90) * 1000:,} vehicles next month. "
            f"Analysts at the brokerage (note {i}) said demand for {company}'s new models stayed strong."
        )
        out.append({"text": text, "title": f"{company} {month} deliveries ({i})", "published_at": "2025-11-03"})
    return out


class Reader(threading.Thread):
    """Reads the API in a loop over one keep-alive connection, as a dashboard user clicking
    around: a read, a pause of about ``think`` seconds, the next read."""

    def __init__(self, url: str, stop: threading.Event, seed: int, think: float) -> None:
        super().__init__(daemon=True)
        self.host, self.port = urlparse(url).hostname, urlparse(url).port
        self.stop, self.rng, self.think = stop, random.Random(seed), think
        self.latencies: list[float] = []
        self.errors = 0

    def run(self) -> None:
        con = http.client.HTTPConnection(self.host, self.port, timeout=60)
        while not self.stop.is_set():
            path = self.rng.choice(READS)
            time.sleep(self.rng.uniform(0, 2 * self.think))
            start = time.perf_counter()
            try:
                con.request("GET", path)
                response = con.getresponse()
                response.read()
                if response.status != 200:
                    self.errors += 1
            except (OSError, http.client.HTTPException):
                self.errors += 1
                con.close()
                con = http.client.HTTPConnection(self.host, self.port, timeout=60)
                continue
            self.latencies.append(time.perf_counter() - start)
        con.close()


def post(url: str, path: str, body: object, timeout: float = 600) -> tuple[int, dict, float, float]:
    """Status, JSON body, seconds taken and the Retry-After asked for (0 if none)."""
    parsed = urlparse(url)
    con = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    start = time.perf_counter()
    con.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
    response = con.getresponse()
    data = response.read()
    retry = float(response.getheader("Retry-After") or 0)
    con.close()
    return response.status, (json.loads(data) if data else {}), time.perf_counter() - start, retry


def measure(url: str, readers: int, think: float, during: callable) -> tuple[list[float], int, object]:
    """Reads while ``during()`` runs; returns the latencies, read errors and what it returned."""
    stop = threading.Event()
    threads = [Reader(url, stop, seed, think) for seed in range(readers)]
    for t in threads:
        t.start()
    try:
        result = during()
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    return [x for t in threads for x in t.latencies], sum(t.errors for t in threads), result


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the idle and analyses phases")
    parser.add_argument("--documents", type=int, default=1000, help="documents in the concurrent ingest")
    parser.add_argument("--analysts", type=int, default=50, help="concurrent /api/analyze clients")
    parser.add_argument("--readers", type=int, default=4, help="reading clients")
    parser.add_argument("--think", type=float, default=0.1, help="mean pause between a client's reads (s)")
    parser.add_argument("--workers", type=int, help="the server's analysis workers [its default]")
    parser.add_argument("--timeout", type=float, default=600.0, help="give up on the ingest after this long")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="factwire-load-"))
    db = tmp / "load.duckdb"
    with Store(db) as store:
        store.ingest(build_pipeline(), read_paths([str(ROOT / "samples" / "corpus")]))
    docs = documents(args.documents)
    body_size = len(json.dumps({"documents": docs}))
    cmd = [sys.executable, "-m", "factwire", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", "0",
           "--max-body", str(max(2 * 1024 * 1024, body_size + 1024))]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    log = (tmp / "serve.log").open("w")
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = None
        deadline = time.monotonic() + 120
        while url is None and time.monotonic() < deadline:
            owner = read_owner(owner_path(db))
            url = owner.url if owner else None
            if server.poll() is not None:
                raise SystemExit(f"factwire serve exited: {(tmp / 'serve.log').read_text()}")
            time.sleep(0.1)
        if url is None:
            raise SystemExit("factwire serve did not come up in 120 s")
        print(f"factwire serve at {url}; store {db}; {args.readers} readers pausing {args.think:g} s; "
              f"ingest body {body_size:,} bytes; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n")
        rows = []

        lat, errors, _ = measure(url, args.readers, args.think, lambda: time.sleep(args.seconds))
        rows.append(("idle", lat, errors, f"{args.seconds:.0f} s, 7 documents"))

        def ingest() -> tuple[int, dict, float, float]:
            try:
                return post(url, "/api/ingest", {"documents": docs}, timeout=args.timeout)
            except TimeoutError:
                return 0, {}, args.timeout, 0.0

        lat, errors, (status, report, took, _) = measure(url, args.readers, args.think, ingest)
        note = (f"{report.get('added')} added, {len(report.get('errors', []))} errors in {took:.1f} s "
                f"({args.documents / took:.1f} docs/s), status {status}" if status else
                f"not finished after --timeout {args.timeout:.0f} s")
        rows.append((f"ingest of {args.documents:,}", lat, errors, note))

        lat, errors, _ = measure(url, args.readers, args.think, lambda: time.sleep(args.seconds))
        rows.append(("idle, grown", lat, errors, f"{args.seconds:.0f} s, {7 + args.documents:,} documents"))

        answered, refused, failed = [0], [0], [0]

        def analyses() -> None:
            stop_at = time.monotonic() + args.seconds

            def client(i: int) -> None:
                rng = random.Random(1000 + i)
                while time.monotonic() < stop_at:
                    doc = documents(1, seed=rng.randint(0, 10**9))[0]
                    try:
                        status, _, _, retry = post(url, "/api/analyze", doc, timeout=120)
                    except OSError:
                        failed[0] += 1
                        continue
                    if status == 200:
                        answered[0] += 1
                    elif status == 503:
                        refused[0] += 1
                        time.sleep(min(retry or 1, max(0.0, stop_at - time.monotonic())))
                    else:
                        failed[0] += 1

            threads = [threading.Thread(target=client, args=(i,)) for i in range(args.analysts)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=args.seconds + 120)

        lat, errors, _ = measure(url, args.readers, args.think, analyses)
        rows.append((f"{args.analysts} analysts", lat, errors,
                     f"{answered[0]} analysed, {refused[0]} refused (503), {failed[0]} failed in {args.seconds:.0f} s"))

        print(f"load average at the end {os.getloadavg()[0]:.2f}\n")
        print(f"{'phase':<18}{'reads':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}  note")
        for name, lat, errors, note in rows:
            p50, p99 = percentile(lat, 50) * 1000, percentile(lat, 99) * 1000
            print(f"{name:<18}{len(lat):>7}{p50:>9.1f}{p99:>9.1f}{max(lat) * 1000:>9.1f}{errors:>8}  {note}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


if __name__ == "__main__":
    main()
