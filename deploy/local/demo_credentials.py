"""Demo API keys for the local runtime.

Writes the keys a person uses (credentials.json: org, roles, apiKey) and what the gateway imports
(api-keys.json: only a SHA-256 of each key, never the key). Keys are 256-bit random values.
Usage: demo_credentials.py CREDENTIALS_JSON GATEWAY_IMPORT_JSON
"""
import base64
import hashlib
import json
import secrets
import sys
import uuid

ORGANISATIONS = ["crossing-hope", "open-road"]
ROLES = ["caseworker", "protection-officer", "coordinator", "policy-editor",
         "policy-approver", "analyst", "auditor"]


def new_key():
    return "cor_" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")


def main(credentials_path, import_path):
    grants = [(org, [role]) for org in ORGANISATIONS for role in ROLES]
    grants.append((ORGANISATIONS[0], ["policy-editor", "policy-approver"]))
    credentials, imports = [], []
    for org, roles in grants:
        key = new_key()
        credentials.append({"org": org, "roles": roles, "apiKey": key})
        imports.append({
            "id": str(uuid.uuid4()),
            "org": org,
            "roles": roles,
            "label": "demo " + org + " " + "+".join(roles),
            "sha256": hashlib.sha256(key.encode()).hexdigest(),
        })
    with open(credentials_path, "w") as out:
        json.dump(credentials, out, indent=2)
    with open(import_path, "w") as out:
        json.dump(imports, out, indent=2)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
