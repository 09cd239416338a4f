"""Demo cases for the local runtime, created through the gateway with the demo API keys.

Each case is created with an Idempotency-Key, and its journey is recorded only while it has none, so running
this again changes nothing. A refusal that means "not now" (503 or 429, as while the gateway holds a service off after a
crash, or a refused connection) is retried with backoff: nothing was applied, so the retry is safe; a 502 or 504
(applied or not, nobody knows) only where an Idempotency-Key makes the retry safe. Every name here is invented.
Usage: demo_data.py GATEWAY_URL CREDENTIALS_JSON
"""
import json
import sys
import time
import urllib.error
import urllib.request

RETRY_FOR_SECONDS = 120


def key_for(credentials, org, role):
    return next(c["apiKey"] for c in credentials if c["org"] == org and c["roles"] == [role])


def call(gateway, api_key, method, path, body=None, headers=None):
    request = urllib.request.Request(gateway + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "ApiKey " + api_key, "Content-Type": "application/json",
                                              **(headers or {})})
    deadline = time.monotonic() + RETRY_FOR_SECONDS
    backoff = 0.5
    while True:
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            # 502 and 504 leave open whether the request was applied: retried only under an Idempotency-Key
            retryable = (429, 503) + ((502, 504) if "Idempotency-Key" in (headers or {}) else ())
            if error.code not in retryable or time.monotonic() > deadline:
                raise SystemExit(f"demo data: {method} {path} answered {error.code}: {error.read().decode()[:300]}")
            retry_after = error.headers.get("Retry-After") or ""
            wait = float(retry_after) if retry_after.isdigit() else backoff
            print(f"demo data: {method} {path} answered {error.code}; retrying in {wait:.1f} s")
        except urllib.error.URLError as error:
            if not isinstance(error.reason, ConnectionRefusedError) or time.monotonic() > deadline:
                raise SystemExit(f"demo data: {method} {path} failed: {error.reason}")
            wait = backoff
            print(f"demo data: {method} {path} failed ({error.reason}); retrying in {wait:.1f} s")
        time.sleep(wait)
        backoff = min(backoff * 2, 8)


def member(alias, sex, age_band, *vulnerabilities):
    return {"alias": alias, "sex": sex, "ageBand": age_band, "vulnerabilities": list(vulnerabilities)}


# (organisation, demo id, members, current country, planned route, journey)
CASES = [
    ("crossing-hope", "demo-1", [member("Demo-Magnolia", "female", "18-59", "trafficking-survivor")], "CN",
     ["CN", "MN", "KR"], [("departed", "CN", "2026-09-02"), ("entered-country", "MN", "2026-09-20")]),
    ("crossing-hope", "demo-2", [member(f"Demo-Shenyang-{i}", sex, band, *vuln) for i, (sex, band, vuln) in enumerate(
        [("female", "18-59", ())] * 12 + [("female", "60+", ("elderly",))] * 6 + [("male", "60+", ("elderly",))] * 4
        + [("female", "5-11", ())] * 4 + [("male", "0-4", ())] * 4)], "CN",
     ["CN", "VN", "LA", "TH", "KR"], [("detained", "CN", "2026-10-11")]),
    ("crossing-hope", "demo-3", [member("Demo-Pine", "male", "18-59")], "CN", ["CN", "VN", "LA", "TH", "KR"],
     [("departed", "CN", "2026-08-01"), ("entered-country", "LA", "2026-08-20"), ("fined", "LA", "2026-08-22"),
      ("entered-country", "TH", "2026-09-01"), ("detained", "TH", "2026-09-02"),
      ("handed-to-embassy", "TH", "2026-10-01"), ("arrived", "KR", "2026-10-20")]),
    ("crossing-hope", "demo-4", [member("Demo-Sparrow", "female", "12-17", "unaccompanied-child")], "CN",
     ["CN", "MN", "KR"], []),
    ("open-road", "demo-5", [member("Demo-Reed", "male", "18-59"), member("Demo-Lark", "female", "18-59", "pregnant")],
     "CN", ["CN", "VN", "LA", "TH", "KR"], [("departed", "CN", "2026-09-10"), ("entered-country", "VN", "2026-09-25")]),
    ("open-road", "demo-6", [member("Demo-Heron", "female", "18-59", "gbv-survivor")], "CN", ["CN", "MN", "KR"],
     [("departed", "CN", "2026-07-01"), ("lost-contact", "CN", "2026-07-15")]),
    # open-road is the smaller organisation, though not so small that an analyst of crossing-hope, who knows its own
    # figures, could not be shown the total of all organisations: all less crossing-hope's is open-road's
    ("open-road", "demo-7", [member("Demo-Cedar", "male", "18-59"), member("Demo-Willow", "female", "18-59"),
                             member("Demo-Birch", "female", "5-11"), member("Demo-Alder", "male", "5-11"),
                             member("Demo-Moss", "male", "0-4")], "CN", ["CN", "VN", "LA", "TH", "KR"],
     [("departed", "CN", "2026-09-05"), ("entered-country", "VN", "2026-09-18")]),
    ("open-road", "demo-8", [member("Demo-Plum", "female", "18-59"), member("Demo-Quince", "female", "18-59"),
                             member("Demo-Hazel", "female", "60+", "elderly"), member("Demo-Rowan", "male", "12-17")],
     "CN", ["CN", "MN", "KR"], []),
    ("open-road", "demo-9", [member(f"Demo-Yanji-{i}", "male", "18-59") for i in range(3)], "CN", ["CN", "MN", "KR"],
     [("detained", "CN", "2026-10-02")]),
]


def main(gateway, credentials_path):
    with open(credentials_path) as source:
        credentials = json.load(source)
    created = 0
    for org, demo_id, members, country, route, journey in CASES:
        caseworker = key_for(credentials, org, "caseworker")
        _, case = call(gateway, caseworker, "POST", "/api/v1/cases",
                       {"members": members, "currentCountry": country, "plannedRoute": route,
                        "needs": [{"kind": "shelter", "state": "identified"}]},
                       {"Idempotency-Key": "corridor-" + demo_id})
        _, recorded = call(gateway, caseworker, "GET", f"/api/v1/cases/{case['id']}/journey")
        if recorded["items"]:
            continue
        created += 1
        for kind, where, day in journey:
            call(gateway, caseworker, "POST", f"/api/v1/cases/{case['id']}/journey",
                 {"kind": kind, "country": where, "date": day})
    print(f"demo data: {len(CASES)} cases ({created} with new journeys)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
