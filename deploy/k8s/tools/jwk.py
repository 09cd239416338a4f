#!/usr/bin/env python3
"""Turns the gateway's EC P-256 PEM keys into JSON Web Keys that carry a key id (kid).

smallrye-jwt reads PEM or JWK from the same file locations, but only a JWK names its key: the
gateway puts the kid of its signing JWK into every token header, and the services pick the
matching public key from a JWK set. That is what lets a new key be published before it is used
(deploy/README.md, "Rotating the gateway signing key").

  jwk.py private signing-key.pem KID       the signing key as a private JWK (for the gateway)
  jwk.py set ITEM [ITEM...]                 a JWK set of public keys (for the services), where
                                            ITEM is public-key.pem=KID, or a JWK / JWK set file
                                            whose keys are kept (the one published now)

Needs python3 and the openssl command line only.
"""
import base64
import json
import re
import subprocess
import sys


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def key_text(path, public):
    args = ["openssl", "pkey", "-in", path, "-noout", "-text"]
    if public:
        args.insert(2, "-pubin")
    try:
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout
    except subprocess.CalledProcessError as e:
        sys.exit(f"jwk.py: openssl cannot read {path}: {e.stderr.strip()}")


def hex_block(text, label):
    match = re.search(rf"^{label}:\s*\n((?:\s+[0-9a-f:]+\n?)+)", text, re.M)
    if not match:
        sys.exit(f"jwk.py: no '{label}' in the key")
    return bytes.fromhex(re.sub(r"[\s:]", "", match.group(1)))


def ec_p256(path, public):
    text = key_text(path, public)
    if "NIST CURVE: P-256" not in text:
        sys.exit(f"jwk.py: {path} is not an EC P-256 key")
    point = hex_block(text, "pub")
    if len(point) != 65 or point[0] != 4:
        sys.exit(f"jwk.py: unexpected public point in {path}")
    jwk = {"kty": "EC", "crv": "P-256", "x": b64url(point[1:33]), "y": b64url(point[33:])}
    if not public:
        d = hex_block(text, "priv")
        jwk["d"] = b64url(d[-32:].rjust(32, b"\0"))
    return jwk


def with_id(jwk, kid):
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", kid):
        sys.exit(f"jwk.py: key id {kid!r}: use letters, digits, '.', '_' or '-'")
    return {"kid": kid, "use": "sig", "alg": "ES256", **jwk}


def published(path):
    """The public keys of a JWK or JWK set file, as the services have them now."""
    try:
        content = json.load(open(path))
    except (OSError, ValueError) as e:
        sys.exit(f"jwk.py: {path} is neither PEM=KID nor a JWK set: {e}")
    keys = content.get("keys", [content]) if isinstance(content, dict) else []
    result = []
    for key in keys:
        if not isinstance(key, dict) or key.get("kty") != "EC" or key.get("crv") != "P-256" or not key.get("kid"):
            sys.exit(f"jwk.py: {path}: every key must be EC P-256 with a kid")
        public = {k: key[k] for k in ("kty", "crv", "x", "y")}
        result.append(with_id(public, key["kid"]))
    return result


def main(argv):
    if len(argv) == 3 and argv[0] == "private":
        print(json.dumps(with_id(ec_p256(argv[1], public=False), argv[2]), indent=2))
    elif len(argv) >= 2 and argv[0] == "set":
        keys = []
        for item in argv[1:]:
            path, sep, kid = item.rpartition("=")
            if sep and path:
                keys.append(with_id(ec_p256(path, public=True), kid))
            else:
                keys.extend(published(item))
        seen = set()
        for key in keys:
            if key["kid"] in seen:
                sys.exit(f"jwk.py: key id {key['kid']} given twice")
            seen.add(key["kid"])
        print(json.dumps({"keys": keys}, indent=2))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
