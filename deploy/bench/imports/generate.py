"""Writes N invented cases of 1-6 members with personal data as an import file (NDJSON, one case per line).
Deterministic for a given N and prefix, so a second import of the same file is all replays.
Usage: generate.py N PREFIX > FILE
"""
import json
import random
import sys

SEXES = ["female", "male", "other", "unknown"]
AGE_BANDS = ["0-4", "5-11", "12-17", "18-59", "60+"]
VULNERABILITIES = ["unaccompanied-child", "elderly", "pregnant", "trafficking-survivor", "gbv-survivor", "medical",
                   "disability"]
ROUTES = [["CN", "MN", "KR"], ["CN", "VN", "LA", "TH", "KR"], ["CN", "LA", "TH", "KR"], ["CN", "KR"]]
ALIASES = ["Magnolia", "Pine", "Sparrow", "Crane", "Willow", "Heron", "Plum", "Reed", "Lark", "Cedar"]
PLACES = ["Hyesan", "Musan", "Chongjin", "Hoeryong", "Sinuiju", "Kimchaek"]


def main():
    count, prefix = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(17)
    out = sys.stdout
    for i in range(count):
        route = rng.choice(ROUTES)
        members = []
        for m in range(rng.randint(1, 6)):
            members.append({
                "alias": f"{rng.choice(ALIASES)}-{i}-{m}", "sex": rng.choice(SEXES), "ageBand": rng.choice(AGE_BANDS),
                "vulnerabilities": rng.sample(VULNERABILITIES, rng.randint(0, 2)),
                "legalName": f"Invented Name {i}-{m}", "dateOfBirth": str(rng.randint(1950, 2020)),
                "placeOfOrigin": rng.choice(PLACES), "relatives": "A sister in the home town",
                "contact": "via the shelter"})
        out.write(json.dumps({
            "externalId": f"{prefix}-{i}", "members": members, "currentCountry": route[rng.randint(0, len(route) - 2)],
            "plannedRoute": route, "needs": [{"kind": "shelter", "state": "identified"}],
            "notes": "Invented for the import benchmark."}, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
