"""Imports a file of cases through the gateway (POST /api/v1/cases/imports) and follows the import to its end.

The file is streamed, never read whole: NDJSON (one case per line, as POST /api/v1/cases takes it plus externalId), or
CSV when its name ends in .csv. Progress goes to stderr as one line rewritten in place (on a terminal) or a line every
few seconds; the summary, and the first errors by line number, go to stdout. Running it again with the same file is
safe: lines imported before are replays and create nothing. Exit status 0 when the import completed (even with
rejected lines), 1 when it failed or could not be sent.
Usage: import_cases.py GATEWAY_URL API_KEY FILE
"""
import json
import os
import sys
import time
import urllib.parse
import http.client

SHOWN_ERRORS = 20


def progress(text, final=False):
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K" + text + ("\n" if final else ""))
    else:
        sys.stderr.write(text + "\n")
    sys.stderr.flush()


def connection(url):
    return (http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection)(
        url.hostname, url.port, timeout=600)


def send(url, api_key, path):
    size = os.path.getsize(path)
    media_type = "text/csv" if path.lower().endswith(".csv") else "application/x-ndjson"
    conn = connection(url)
    conn.putrequest("POST", url.path.rstrip("/") + "/api/v1/cases/imports")
    conn.putheader("Authorization", "ApiKey " + api_key)
    conn.putheader("Content-Type", media_type)
    conn.putheader("Content-Length", str(size))
    conn.endheaders()
    sent = 0
    last = 0.0
    started = time.monotonic()
    with open(path, "rb") as file:
        while chunk := file.read(256 * 1024):
            conn.send(chunk)
            sent += len(chunk)
            if time.monotonic() - last > (0.2 if sys.stderr.isatty() else 5):
                last = time.monotonic()
                progress(f"uploading {sent / 2**20:.1f} of {size / 2**20:.1f} MiB")
    response = conn.getresponse()
    body = response.read()
    if response.status != 202:
        progress(f"upload refused: {response.status}", final=True)
        sys.stdout.write(body.decode(errors="replace") + "\n")
        sys.exit(1)
    return response.getheader("Location"), json.loads(body), started


def follow(url, api_key, location, job, started):
    last = 0.0
    while job["status"] == "running":
        if time.monotonic() - last > (0 if sys.stderr.isatty() else 5):
            last = time.monotonic()
            elapsed = time.monotonic() - started
            progress(f"importing: {job['lines']} lines read, {job['created']} created, {job['replayed']} replayed, "
                     f"{job['rejected']} rejected ({job['lines'] / max(elapsed, 0.001):.0f} lines/s)")
        time.sleep(0.5)
        conn = connection(url)
        target = urllib.parse.urljoin(url.geturl() + "/", location)
        conn.request("GET", urllib.parse.urlsplit(target).path, headers={"Authorization": "ApiKey " + api_key})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            progress(f"following the import: {response.status}, retrying", final=True)
            time.sleep(2)
            continue
        job = json.loads(body)
    return job


def main():
    gateway, api_key, path = sys.argv[1:4]
    url = urllib.parse.urlsplit(gateway)
    location, job, started = send(url, api_key, path)
    job = follow(url, api_key, location, job, started)
    elapsed = time.monotonic() - started
    progress(f"import {job['status']} in {elapsed:.1f} s", final=True)
    print(f"import {job['id']}: {job['status']}")
    print(f"  lines     {job['lines']}")
    print(f"  created   {job['created']}")
    print(f"  replayed  {job['replayed']}  (imported before: nothing created)")
    print(f"  rejected  {job['rejected']}")
    print(f"  {job['lines'] / max(elapsed, 0.001):.0f} lines/s over {elapsed:.1f} s")
    for error in job["errors"][:SHOWN_ERRORS]:
        problem = error["problem"]
        fields = "; ".join(f"{e['field']} {e['message']}" for e in problem.get("errors") or [])
        print(f"  line {error['line']}: {problem.get('detail', problem.get('title'))} {fields}".rstrip())
    if job["rejected"] > SHOWN_ERRORS:
        print(f"  ... see {location} for the first 1,000 errors")
    sys.exit(0 if job["status"] == "completed" else 1)


if __name__ == "__main__":
    main()
