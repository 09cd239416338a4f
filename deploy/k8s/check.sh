#!/usr/bin/env bash
# Renders deploy/k8s/base, overlays/dev and overlays/prod with kustomize and checks what the
# operators rely on (probes, hardening, resources, images, network policies, the mesh, the edge,
# Kafka topics and users, PostgreSQL clusters and poolers, monitoring, prod scaling), that
# tools/bootstrap.sh makes every Secret the manifests expect from the operator, runs promtool on the
# alerting rules (check and unit tests), then checks deploy/compose/compose.yaml.
# Needs kubectl (with its built-in kustomize), python3, openssl and promtool (Debian's prometheus
# package), nothing else: no cluster, no network, no PyYAML. kustomize prints YAML only; `kubectl label --local -o json` turns it into JSON
# without asking an API server.
#   deploy/k8s/check.sh        exit status 0 when everything holds, 1 with the reasons otherwise
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
deploy="$(dirname "$here")"

for tool in kubectl python3 openssl promtool; do
  command -v "$tool" >/dev/null || { echo "check.sh: $tool is required" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Never read the caller's kubeconfig: nothing here talks to a cluster.
export KUBECONFIG=/dev/null

to_json() { # <yaml file> <json file>
  kubectl label --local --overwrite -f "$1" -o json check.corridor.local/rendered=true >"$2" 2>"$2.err" || {
    echo "check.sh: cannot read $1 as Kubernetes objects:" >&2
    cat "$2.err" >&2
    exit 1
  }
}

render() { # <target>: kustomize, then JSON; the three run side by side
  local name="${1##*/}"
  if ! kubectl kustomize "$here/$1" >"$work/$name.yaml" 2>"$work/$name.err"; then
    echo "check.sh: kubectl kustomize $1 failed:" >&2
    cat "$work/$name.err" >&2
    return 1
  fi
  to_json "$work/$name.yaml" "$work/$name.json"
}
pids=()
for target in base overlays/dev overlays/prod; do
  render "$target" & pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || exit 1
done

# The Secrets an operator makes at the first install, with throw-away keys.
CORRIDOR_BACKUP_S3_ACCESS_KEY_ID=check CORRIDOR_BACKUP_S3_SECRET_ACCESS_KEY=check CORRIDOR_BACKUP_S3_REGION=check \
  "$here/tools/bootstrap.sh" secrets corridor --render "$work/bootstrap" >/dev/null
python3 "$here/tools/dashboards.py" "$work/dashboards"

# compose.yaml is not a Kubernetes object; a made-up apiVersion/kind lets the same YAML reader
# (anchors and merge keys included) turn it into JSON.
compose="$deploy/compose/compose.yaml"
if [ ! -f "$compose" ]; then
  echo "check.sh: $compose is missing" >&2
  exit 1
fi
{
  printf 'apiVersion: check.corridor.local/v1\nkind: ComposeFile\nmetadata:\n  name: compose\n'
  cat "$compose"
} >"$work/compose.yaml"
to_json "$work/compose.yaml" "$work/compose.json"

python3 - "$work" "$deploy" <<'PY'
import json
import os
import re
import subprocess
import sys

work, deploy = sys.argv[1], sys.argv[2]
here = os.path.join(deploy, "k8s")

SERVICES = ["gateway", "case-service", "policy-service", "report-service"]
KAFKA_SERVICES = ["case-service", "policy-service", "report-service"]
# besides the gateway, who may call a service: policy-service asks case-service for a draft's impact
SERVICE_CALLERS = {"case-service": ["policy-service"]}
# Quarkus' management interface (health, metrics): the kubelet's probes, Prometheus and the gateway's view of the
# services' readiness, never the ingress
MANAGEMENT_PORT = 9000
DATABASES = {  # service -> (CNPG cluster, database)
    "gateway": ("corridor-gateway-db", "gateway"),
    "case-service": ("corridor-case-db", "cases"),
    "policy-service": ("corridor-policy-db", "policy"),
    "report-service": ("corridor-report-db", "reports"),
}
KAFKA = "corridor-kafka"
# the services connect through each database's PgBouncer, never to the cluster itself
def pooler(cluster):
    return f"{cluster}-pooler-rw"
# Istio's ambient mesh: its tunnel port (HBONE), and the address the kubelet's probes come from
HBONE_PORT = 15008
PROBE_SOURCE = "169.254.7.127/32"
# the Gateway API edge (overlays/prod/edge.yaml): Istio runs each Gateway's Envoy pods with this label
EDGE_LABEL = "gateway.networking.k8s.io/gateway-name"
PUBLIC_GATEWAY, INTERNAL_GATEWAY = "corridor-public", "corridor-internal"
# what the public edge routes, and nothing else: (match type, path)
PUBLIC_PATHS = {("PathPrefix", "/api"), ("Exact", "/openapi"), ("PathPrefix", "/docs"), ("PathPrefix", "/console")}
MONITORING_NAMESPACE = "monitoring"
# Secrets the operators' controllers write (CloudNativePG, Strimzi, cert-manager); every other Secret the manifests
# read must be made by tools/bootstrap.sh
CONTROLLER_SECRETS = {f"{c}-{suffix}" for c, _ in DATABASES.values() for suffix in ("app", "ca")} \
    | {"case-service", "policy-service", "report-service", f"{KAFKA}-cluster-ca-cert", "corridor-gateway-tls"}
ALERTS = {"CorridorServiceDown", "CorridorGateway5xxRate", "CorridorGatewayRateLimitRefusals", "CorridorOutboxBacklog",
          "CorridorDeadLetters", "CorridorKafkaUnderMinIsr", "CorridorKafkaBrokerDiskFilling", "CorridorConsumerLag",
          "CorridorPostgresReplicationLag"}
PROD_ALERTS = ALERTS | {"CorridorPostgresBackupTooOld", "CorridorPostgresWalArchiveTooOld"}
# services that take an Idempotency-Key -> the Secret with the keys of its fingerprints (each service its own)
IDEMPOTENCY_KEYS = {"case-service": "corridor-case-idempotency-keys", "policy-service": "corridor-policy-idempotency-keys"}
TOPICS = {"corridor.case-events": 12, "corridor.policy-events": 3,
          # where consumers put what they cannot apply (platform's DeadLetters): kept like their topics
          "corridor.case-events.dead-letter": 3, "corridor.policy-events.dead-letter": 3}
# KafkaUser -> {(resource type, name): operations that must be allowed}
ACLS = {
    "case-service": {("topic", "corridor.case-events"): {"Write"},
                     ("topic", "corridor.policy-events"): {"Read"},
                     ("topic", "corridor.policy-events.dead-letter"): {"Write"},
                     ("group", "case-service"): {"Read"}},
    "policy-service": {("topic", "corridor.policy-events"): {"Write"}},
    "report-service": {("topic", "corridor.case-events"): {"Read"},
                       ("topic", "corridor.policy-events"): {"Read"},
                       ("topic", "corridor.case-events.dead-letter"): {"Write"},
                       ("topic", "corridor.policy-events.dead-letter"): {"Write"},
                       ("group", "report-service"): {"Read"}},
}
# operations a user must NOT have on a topic (e.g. report-service never writes)
FORBIDDEN = {
    "case-service": {("topic", "corridor.policy-events"): {"Write", "All"}},
    "policy-service": {("topic", "corridor.case-events"): {"Read", "Write", "All"}},
    "report-service": {("topic", "corridor.case-events"): {"Write", "All"},
                       ("topic", "corridor.policy-events"): {"Write", "All"}},
}

failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


def load(path):
    text = open(path).read()
    decoder = json.JSONDecoder()
    objects, i = [], 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        obj, i = decoder.raw_decode(text, i)
        objects.extend(obj.get("items", []) if obj.get("kind") == "List" else [obj])
    return objects


def of_kind(objects, kind, group=None):
    found = []
    for o in objects:
        if o.get("kind") != kind:
            continue
        if group is not None and o.get("apiVersion", "").split("/")[0] != group:
            continue
        found.append(o)
    return found


def by_name(objects):
    return {o["metadata"]["name"]: o for o in objects}


def labels(o):
    return o.get("metadata", {}).get("labels") or {}


def container_env(deployment, configmaps):
    """Every environment variable of the first container: name -> value or ('secret', name, key)."""
    spec = deployment["spec"]["template"]["spec"]
    container = spec["containers"][0]
    env = {}
    for source in container.get("envFrom", []):
        ref = source.get("configMapRef")
        if ref:
            cm = configmaps.get(ref["name"])
            if cm is None:
                fail(f"Deployment {deployment['metadata']['name']}", f"envFrom ConfigMap {ref['name']} is not rendered")
                continue
            env.update(cm.get("data") or {})
    for var in container.get("env", []):
        if "value" in var:
            env[var["name"]] = var["value"]
        else:
            ref = (var.get("valueFrom") or {}).get("secretKeyRef")
            if ref:
                env[var["name"]] = ("secret", ref["name"], ref["key"])
            else:
                env[var["name"]] = ("other",)
    return env


def check_deployment(where, d, configmaps, service_accounts, overlay):
    name = d["metadata"]["name"]
    meta_labels = labels(d)
    template = d["spec"]["template"]
    pod = template["spec"]
    t_labels = labels(template)
    for lbls, what in ((meta_labels, "metadata"), (t_labels, "pod template")):
        if lbls.get("app.kubernetes.io/name") != name:
            fail(where, f"{what} label app.kubernetes.io/name should be {name}")
        if lbls.get("app.kubernetes.io/part-of") != "corridor":
            fail(where, f"{what} label app.kubernetes.io/part-of should be corridor")
    selector = d["spec"].get("selector", {}).get("matchLabels", {})
    if not selector or any(t_labels.get(k) != v for k, v in selector.items()):
        fail(where, "selector does not match the pod template's labels")

    strategy = d["spec"].get("strategy", {})
    if strategy.get("type", "RollingUpdate") != "RollingUpdate" or \
            str(strategy.get("rollingUpdate", {}).get("maxUnavailable")) != "0":
        fail(where, "rolling update with maxUnavailable 0 expected")

    if pod.get("automountServiceAccountToken") is not False:
        fail(where, "automountServiceAccountToken must be false")
    sa = pod.get("serviceAccountName")
    if sa not in service_accounts:
        fail(where, f"serviceAccountName {sa!r} is not a rendered ServiceAccount")
    pod_sc = pod.get("securityContext") or {}

    containers = pod.get("containers", [])
    if len(containers) != 1:
        fail(where, f"expected one container, found {len(containers)}")
        return
    c = containers[0]
    sc = c.get("securityContext") or {}
    if not (sc.get("runAsNonRoot") is True or pod_sc.get("runAsNonRoot") is True):
        fail(where, "runAsNonRoot must be true")
    if sc.get("readOnlyRootFilesystem") is not True:
        fail(where, "readOnlyRootFilesystem must be true")
    if sc.get("allowPrivilegeEscalation") is not False:
        fail(where, "allowPrivilegeEscalation must be false")
    if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
        fail(where, "capabilities must drop ALL")
    if sc.get("privileged"):
        fail(where, "privileged container")
    seccomp = (sc.get("seccompProfile") or pod_sc.get("seccompProfile") or {}).get("type")
    if seccomp != "RuntimeDefault":
        fail(where, "seccompProfile RuntimeDefault expected")

    image = c.get("image", "")
    # corridor/<service>:<tag>, optionally behind a registry host and pinned by digest
    m = re.fullmatch(r"(?:[a-z0-9.-]+(?::[0-9]+)?/)?corridor/([a-z-]+):([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})"
                     r"(?:@sha256:[0-9a-f]{64})?", image)
    if not m or m.group(1) != name:
        fail(where, f"image {image!r} is not corridor/{name}:<tag>")
    elif m.group(2) == "latest":
        fail(where, "image tag latest: pin a version")

    ports = {p.get("name"): p.get("containerPort") for p in c.get("ports", [])}
    if ports.get("http") != 8080:
        fail(where, "container port 8080 named http expected")
    if ports.get("management") != MANAGEMENT_PORT:
        fail(where, f"container port {MANAGEMENT_PORT} named management expected")

    probes = {
        "readinessProbe": "/q/health/ready",
        "livenessProbe": "/q/health/live",
        "startupProbe": "/q/health/live",
    }
    for probe, path in probes.items():
        http = (c.get(probe) or {}).get("httpGet") or {}
        if http.get("path") != path or http.get("port") not in ("management", MANAGEMENT_PORT):
            fail(where, f"{probe} must GET {path} on port management")
    if (pod.get("terminationGracePeriodSeconds") or 30) < 45:
        fail(where, "terminationGracePeriodSeconds 45 or more: preStop 5 s, requests in flight 15 s "
                    "(quarkus.shutdown.timeout), the outbox relay's batch and the consumer's poll 10 s each")

    res = c.get("resources") or {}
    for part in ("requests", "limits"):
        for r in ("cpu", "memory"):
            if r not in (res.get(part) or {}):
                fail(where, f"resources.{part}.{r} missing")

    mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    tmp = volumes.get(mounts.get("/tmp"))
    if not tmp or "emptyDir" not in tmp:
        fail(where, "an emptyDir must be mounted at /tmp (read-only root file system)")

    def secret_mounted_at(path, secret):
        vol = volumes.get(mounts.get(path))
        if not vol or (vol.get("secret") or {}).get("secretName") != secret:
            fail(where, f"Secret {secret} must be mounted at {path}")

    env = container_env(d, configmaps)

    def want(var, value=None):
        if var not in env:
            fail(where, f"environment variable {var} missing")
        elif value is not None and env[var] != value:
            fail(where, f"{var} should be {value!r}, is {env[var]!r}")

    want("QUARKUS_HTTP_PORT", "8080")
    if "MaxRAMPercentage=70" not in str(env.get("JAVA_TOOL_OPTIONS", "")):
        fail(where, "JAVA_TOOL_OPTIONS must set -XX:MaxRAMPercentage=70")
    cluster, database = DATABASES[name]
    want("QUARKUS_DATASOURCE_USERNAME", ("secret", f"{cluster}-app", "username"))
    want("QUARKUS_DATASOURCE_PASSWORD", ("secret", f"{cluster}-app", "password"))
    url = env.get("QUARKUS_DATASOURCE_JDBC_URL", "")
    if not str(url).startswith(f"jdbc:postgresql://{pooler(cluster)}:5432/{database}?sslmode=verify-full"):
        fail(where, f"QUARKUS_DATASOURCE_JDBC_URL should be jdbc:postgresql://{pooler(cluster)}:5432/{database}"
                    f"?sslmode=verify-full..., is {url!r}")
    if not str(env.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "")).isdigit():
        fail(where, "QUARKUS_DATASOURCE_JDBC_MAX_SIZE must bound the connection pool (the pooler is sized by it)")
    if t_labels.get("istio.io/dataplane-mode") != "ambient":
        fail(where, "the pods must be in the ambient mesh (label istio.io/dataplane-mode: ambient): mTLS between services")

    if name == "gateway":
        want("CORRIDOR_GATEWAY_ADMIN_KEY_HASHES", ("secret", "corridor-gateway-admin", "key-hashes"))
        if "gateway-oidc" not in {(s.get("configMapRef") or {}).get("name") for s in c.get("envFrom", [])}:
            fail(where, "the gateway must take its identity provider's settings from ConfigMap gateway-oidc")
        if "CORRIDOR_GATEWAY_OIDC_ISSUER" in env:
            for var in ("CORRIDOR_GATEWAY_OIDC_JWKS_LOCATION", "CORRIDOR_GATEWAY_OIDC_AUDIENCE"):
                want(var)
        want("SMALLRYE_JWT_SIGN_KEY_LOCATION", "/etc/corridor/jwt/signing-key.pem")
        secret_mounted_at("/etc/corridor/jwt", "corridor-gateway-signing-key")
        for upstream in KAFKA_SERVICES:
            want("CORRIDOR_GATEWAY_UPSTREAMS_" + upstream.upper().replace("-", "_"), f"http://{upstream}:8080")
            want("CORRIDOR_GATEWAY_UPSTREAMS_MANAGEMENT_" + upstream.upper().replace("-", "_"),
                 f"http://{upstream}:{MANAGEMENT_PORT}")
        for var in env:
            if var.startswith("KAFKA_"):
                fail(where, f"the gateway does not use Kafka, yet {var} is set")
    else:
        want("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/etc/corridor/jwt/public-key.pem")
        want("MP_JWT_VERIFY_ISSUER", "corridor-gateway")
        secret_mounted_at("/etc/corridor/jwt", "corridor-gateway-public-key")
        want("KAFKA_BOOTSTRAP_SERVERS", f"{KAFKA}-kafka-bootstrap:9093")
        want("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
        want("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
        want("KAFKA_SASL_JAAS_CONFIG", ("secret", name, "sasl.jaas.config"))
    if name == "case-service":
        want("CORRIDOR_CASES_KEY_DIRECTORY", "/etc/corridor/keys")
        secret_mounted_at("/etc/corridor/keys", "corridor-case-encryption-keys")
        want("CORRIDOR_CASES_AUDIT_KEY_DIRECTORY", "/etc/corridor/audit-keys")
        secret_mounted_at("/etc/corridor/audit-keys", "corridor-case-audit-keys")
        want("CORRIDOR_CASES_AUDIT_CHECKPOINTS_SIGNING_KEY", "/etc/corridor/checkpoints/signing-key.pem")
        want("CORRIDOR_CASES_AUDIT_CHECKPOINTS_PUBLIC_KEY", "/etc/corridor/checkpoints/public-key.pem")
        secret_mounted_at("/etc/corridor/checkpoints", "corridor-case-checkpoint-keys")
    if name in IDEMPOTENCY_KEYS:
        want("CORRIDOR_IDEMPOTENCY_KEY_DIRECTORY", "/etc/corridor/idempotency-keys")
        secret_mounted_at("/etc/corridor/idempotency-keys", IDEMPOTENCY_KEYS[name])

    if overlay == "prod":
        if "replicas" in d["spec"]:
            fail(where, "prod leaves the replicas to the HPA: an apply must not scale a service down")
        keys = {t.get("topologyKey") for t in pod.get("topologySpreadConstraints", [])
                if t.get("whenUnsatisfiable") == "DoNotSchedule"}
        for key in ("topology.kubernetes.io/zone", "kubernetes.io/hostname"):
            if key not in keys:
                fail(where, f"prod needs a topology spread constraint on {key} with whenUnsatisfiable DoNotSchedule")


def selects(selector, lbls):
    """A LabelSelector (matchLabels + matchExpressions) against a label map."""
    for k, v in (selector.get("matchLabels") or {}).items():
        if lbls.get(k) != v:
            return False
    for e in selector.get("matchExpressions") or []:
        value, op = lbls.get(e["key"]), e["operator"]
        if op == "In" and value not in e.get("values", []):
            return False
        if op == "NotIn" and value in e.get("values", []):
            return False
        if op == "Exists" and e["key"] not in lbls:
            return False
        if op == "DoesNotExist" and e["key"] in lbls:
            return False
    return True


def check_network(where, objects, pods):
    policies = of_kind(objects, "NetworkPolicy")
    if not policies:
        fail(where, "no NetworkPolicy")
        return
    deny = [p for p in policies
            if p["spec"].get("podSelector") in ({}, None)
            and "Ingress" in p["spec"].get("policyTypes", [])
            and not p["spec"].get("ingress")]
    if not deny:
        fail(where, "no default-deny ingress NetworkPolicy (empty podSelector, no ingress rule)")

    def ingress_peers(app):
        """All 'from' peers of the policies that select this app's pods, with their ports."""
        peers = []
        for p in policies:
            if "Ingress" not in p["spec"].get("policyTypes", []):
                continue
            if not selects(p["spec"].get("podSelector") or {}, pods[app]):
                continue
            for rule in p["spec"].get("ingress") or []:
                ports = {pt.get("port") for pt in rule.get("ports") or []}
                if not rule.get("from"):
                    peers.append(({"everything": True}, ports))
                for peer in rule.get("from") or []:
                    peers.append((peer, ports))
        return peers

    def from_monitoring(peer):
        ns = ((peer.get("namespaceSelector") or {}).get("matchLabels") or {}).get("kubernetes.io/metadata.name")
        return ns == MONITORING_NAMESPACE and bool(peer.get("podSelector"))

    def from_probes(peer):
        return (peer.get("ipBlock") or {}).get("cidr") == PROBE_SOURCE and not (peer["ipBlock"].get("except"))

    edge_pods = [{EDGE_LABEL: PUBLIC_GATEWAY}, {EDGE_LABEL: INTERNAL_GATEWAY}]
    gw = ingress_peers("gateway")
    if not any(set(peer) == {"podSelector"} and all(selects(peer["podSelector"], e) for e in edge_pods)
               for peer, _ in gw):
        fail(where, "the gateway must be reachable from the edge's pods (both Gateways)")
    for peer, ports in gw:
        if from_monitoring(peer):
            allowed = {MANAGEMENT_PORT, HBONE_PORT}
        elif from_probes(peer):
            allowed = {MANAGEMENT_PORT}
        elif set(peer) == {"podSelector"} and any(selects(peer["podSelector"], e) for e in edge_pods) \
                and not any(selects(peer["podSelector"], pods[s]) for s in SERVICES):
            allowed = {8080, HBONE_PORT}
        else:
            fail(where, f"the gateway accepts traffic from {json.dumps(peer)}; only the edge, Prometheus and the probes")
            continue
        # no ports named means every port, the management port included
        if not ports or not ports <= allowed:
            fail(where, f"gateway ingress from {json.dumps(peer)} on ports {sorted(map(str, ports)) or 'all'}, "
                        f"only {sorted(allowed)} expected")
    # whatever selects them, no pod's management port is open to anything outside the namespace but Prometheus and
    # the kubelet's probes
    for app in SERVICES:
        for peer, ports in ingress_peers(app):
            outside = "everything" in peer or "ipBlock" in peer or "namespaceSelector" in peer
            if outside and not from_monitoring(peer) and not from_probes(peer) \
                    and (not ports or MANAGEMENT_PORT in ports or "management" in ports or HBONE_PORT in ports):
                fail(where, f"{app}'s management port {MANAGEMENT_PORT} is reachable from {json.dumps(peer)}")
    for app in KAFKA_SERVICES:
        peers = ingress_peers(app)
        if not peers:
            fail(where, f"nothing may reach {app}: the gateway must")
        callers = ["gateway"] + SERVICE_CALLERS.get(app, [])
        for peer, ports in peers:
            if from_monitoring(peer):
                allowed = {MANAGEMENT_PORT, HBONE_PORT}
            elif from_probes(peer):
                allowed = {MANAGEMENT_PORT}
            else:
                ok = set(peer) == {"podSelector"} and any(selects(peer["podSelector"], pods[c]) for c in callers) \
                    and not any(selects(peer["podSelector"], pods[o]) for o in KAFKA_SERVICES if o not in callers)
                if not ok:
                    fail(where, f"{app} accepts traffic from {json.dumps(peer)}; only {', '.join(callers)} expected")
                # the gateway also reads the service's readiness on its management port; other callers only its API
                allowed = {8080, MANAGEMENT_PORT, HBONE_PORT} if selects(peer.get("podSelector") or {}, pods["gateway"]) \
                    else {8080, HBONE_PORT}
            if not ports or not ports <= allowed:
                fail(where, f"{app} ingress from {json.dumps(peer)} must be limited to ports {sorted(allowed)}")

    # the public edge's Envoy pods take HTTPS and nothing else; the internal one nothing from the network
    for edge, allowed in ((PUBLIC_GATEWAY, {443}), (INTERNAL_GATEWAY, set())):
        for p in policies:
            if "Ingress" in p["spec"].get("policyTypes", []) and selects(p["spec"].get("podSelector") or {}, {EDGE_LABEL: edge}):
                for rule in p["spec"].get("ingress") or []:
                    ports = {pt.get("port") for pt in rule.get("ports") or []}
                    if not ports or not ports <= allowed:
                        fail(where, f"NetworkPolicy {p['metadata']['name']} opens the {edge} edge on "
                                    f"{sorted(map(str, ports)) or 'every port'}; {sorted(allowed) or 'nothing'} expected")
    if not any(p["spec"].get("podSelector") in ({}, None) and "Egress" in p["spec"].get("policyTypes", [])
               and not p["spec"].get("egress") for p in policies):
        fail(where, "no default-deny egress NetworkPolicy (empty podSelector, no egress rule)")
    for p in policies:
        for r in p["spec"].get("egress") or []:
            if not r.get("ports"):
                fail(where, f"NetworkPolicy {p['metadata']['name']} allows egress on every port")

    for app in SERVICES:
        egress = [p for p in policies
                  if "Egress" in p["spec"].get("policyTypes", [])
                  and selects(p["spec"].get("podSelector") or {}, pods[app])]
        if not egress:
            fail(where, f"{app} has no egress NetworkPolicy")
            continue
        rules = [r for p in egress for r in p["spec"].get("egress") or []]
        cluster = DATABASES[app][0]

        def reaches(label, value, port):
            for r in rules:
                ports = {pt.get("port") for pt in r.get("ports") or []}
                for peer in r.get("to") or []:
                    sel = (peer.get("podSelector") or {}).get("matchLabels") or {}
                    if sel.get(label) == value and port in ports:
                        return True
            return False

        if not reaches("cnpg.io/poolerName", pooler(cluster), 5432):
            fail(where, f"{app} cannot reach its database's pooler {pooler(cluster)} on 5432")
        for other in SERVICES:
            other_cluster = DATABASES[other][0]
            if other != app and (reaches("cnpg.io/poolerName", pooler(other_cluster), 5432)
                                 or reaches("cnpg.io/cluster", other_cluster, 5432)):
                fail(where, f"{app} may reach {other_cluster}, another service's database")
        if not any(53 in {pt.get("port") for pt in r.get("ports") or []} for r in rules):
            fail(where, f"{app} has no DNS egress (port 53)")
        kafka = reaches("strimzi.io/cluster", KAFKA, 9093)
        if app in KAFKA_SERVICES and not kafka:
            fail(where, f"{app} cannot reach Kafka ({KAFKA}) on 9093")
        if app == "gateway" and kafka:
            fail(where, "the gateway does not use Kafka but may reach it")
        for r in rules:
            if not r.get("to") and not r.get("ports"):
                fail(where, f"{app} has an allow-all egress rule")

    for app, (cluster, _) in DATABASES.items():
        db_pod = {"cnpg.io/cluster": cluster, "cnpg.io/podRole": "instance"}
        if not any(p["spec"].get("podSelector") and selects(p["spec"]["podSelector"], db_pod)
                   for p in policies):
            fail(where, f"no NetworkPolicy admits traffic to {cluster} (default deny would cut it off)")
    return len(policies)


def check_kafka(where, objects, overlay):
    kafkas = of_kind(objects, "Kafka", "kafka.strimzi.io")
    if len(kafkas) != 1 or kafkas[0]["metadata"]["name"] != KAFKA:
        fail(where, f"exactly one Strimzi Kafka named {KAFKA} expected")
        return
    k = kafkas[0]["spec"]["kafka"]
    tls = [l for l in k.get("listeners", []) if l.get("port") == 9093]
    if not tls or not tls[0].get("tls") or (tls[0].get("authentication") or {}).get("type") != "scram-sha-512":
        fail(where, "Kafka needs a TLS listener on 9093 with scram-sha-512 authentication")
    if any(not l.get("tls") for l in k.get("listeners", [])):
        fail(where, "a Kafka listener without TLS")
    if (k.get("authorization") or {}).get("type") != "simple":
        fail(where, "Kafka authorization type simple expected (the KafkaUser ACLs need it)")

    pools = [p for p in of_kind(objects, "KafkaNodePool", "kafka.strimzi.io")
             if labels(p).get("strimzi.io/cluster") == KAFKA]
    roles = {}
    for p in pools:
        for r in p["spec"].get("roles", []):
            roles[r] = roles.get(r, 0) + p["spec"].get("replicas", 0)
    if overlay == "dev":
        if len(pools) != 1 or roles != {"controller": 1, "broker": 1}:
            fail(where, "dev: one KafkaNodePool with a single controller+broker node expected")
    elif overlay == "prod":
        if roles != {"controller": 3, "broker": 3} or any(len(p["spec"].get("roles", [])) != 1 for p in pools):
            fail(where, "prod: 3 controllers and 3 brokers in separate KafkaNodePools expected")

    want_replicas = {"dev": 1, "prod": 3}.get(overlay)
    topics = {}
    for t in of_kind(objects, "KafkaTopic", "kafka.strimzi.io"):
        topics[t["spec"].get("topicName", t["metadata"]["name"])] = t
    for topic, partitions in TOPICS.items():
        t = topics.get(topic)
        if t is None:
            fail(where, f"KafkaTopic {topic} missing")
            continue
        if labels(t).get("strimzi.io/cluster") != KAFKA:
            fail(where, f"KafkaTopic {topic} must carry strimzi.io/cluster: {KAFKA}")
        spec, config = t["spec"], t["spec"].get("config") or {}
        if spec.get("partitions") != partitions:
            fail(where, f"KafkaTopic {topic} needs {partitions} partitions")
        for key in ("retention.ms", "retention.bytes"):
            if str(config.get(key)) != "-1":
                fail(where, f"KafkaTopic {topic}: {key} must be -1 (kept forever)")
        if config.get("cleanup.policy") != "delete":
            fail(where, f"KafkaTopic {topic}: cleanup.policy must be delete (no compaction)")
        if want_replicas is not None and spec.get("replicas") != want_replicas:
            fail(where, f"KafkaTopic {topic}: replicas {want_replicas} expected in {overlay}")
        if overlay == "prod" and str(config.get("min.insync.replicas")) != "2":
            fail(where, f"KafkaTopic {topic}: min.insync.replicas 2 expected in prod")
    if overlay == "prod":
        broker = k.get("config") or {}
        for key, value in (("min.insync.replicas", "2"), ("default.replication.factor", "3"),
                           ("offsets.topic.replication.factor", "3")):
            if str(broker.get(key)) != value:
                fail(where, f"Kafka {key} {value} expected in prod")
        if str(broker.get("unclean.leader.election.enable", "false")).lower() != "false":
            fail(where, "Kafka unclean.leader.election.enable must stay false (an out-of-sync leader drops acknowledged writes)")

    users = by_name(of_kind(objects, "KafkaUser", "kafka.strimzi.io"))
    for user, needed in ACLS.items():
        u = users.get(user)
        if u is None:
            fail(where, f"KafkaUser {user} missing")
            continue
        if labels(u).get("strimzi.io/cluster") != KAFKA:
            fail(where, f"KafkaUser {user} must carry strimzi.io/cluster: {KAFKA}")
        if (u["spec"].get("authentication") or {}).get("type") != "scram-sha-512":
            fail(where, f"KafkaUser {user} must use scram-sha-512")
        granted = {}
        for acl in (u["spec"].get("authorization") or {}).get("acls", []):
            if acl.get("type", "allow") != "allow":
                continue
            res = acl["resource"]
            if res.get("patternType", "literal") != "literal":
                fail(where, f"KafkaUser {user}: prefixed ACL on {res.get('name')}; literal names expected")
            key = (res["type"], res.get("name"))
            ops = set(acl.get("operations") or []) | ({acl["operation"]} if "operation" in acl else set())
            granted.setdefault(key, set()).update(ops)
        for key, ops in needed.items():
            if not ops <= granted.get(key, set()) and "All" not in granted.get(key, set()):
                fail(where, f"KafkaUser {user} lacks {sorted(ops)} on {key[0]} {key[1]}")
        for (kind, name), ops in granted.items():
            dead_letter = f"{name}.dead-letter"
            if kind == "topic" and dead_letter in TOPICS and ops & {"Read", "All"} \
                    and not granted.get(("topic", dead_letter), set()) & {"Write", "All"}:
                fail(where, f"KafkaUser {user} reads {name} but cannot write {dead_letter}")
        for key, ops in FORBIDDEN.get(user, {}).items():
            if ops & granted.get(key, set()):
                fail(where, f"KafkaUser {user} must not have {sorted(ops & granted[key])} on {key[0]} {key[1]}")
        for key in granted:
            if key[0] == "cluster" or key[1] in ("*", None):
                fail(where, f"KafkaUser {user} has a cluster-wide or wildcard ACL")
    extra = set(users) - set(ACLS)
    if extra:
        fail(where, f"unexpected KafkaUsers {sorted(extra)}")
    return len(topics), len(users), sum(p["spec"].get("replicas", 0) for p in pools)


def check_postgres(where, objects, overlay):
    clusters = by_name(of_kind(objects, "Cluster", "postgresql.cnpg.io"))
    expected = {c for c, _ in DATABASES.values()}
    if set(clusters) != expected:
        fail(where, f"CloudNativePG Clusters {sorted(clusters)}, expected {sorted(expected)}")
    for service, (name, database) in DATABASES.items():
        c = clusters.get(name)
        if c is None:
            continue
        spec = c["spec"]
        initdb = (spec.get("bootstrap") or {}).get("initdb") or {}
        if initdb.get("database") != database:
            fail(where, f"Cluster {name} must create database {database}")
        if spec.get("primaryUpdateStrategy") != "unsupervised" or spec.get("primaryUpdateMethod") != "switchover":
            fail(where, f"Cluster {name}: updates switch over to an updated standby (primaryUpdateStrategy unsupervised, "
                        "primaryUpdateMethod switchover), as deploy/README.md says")
        if "secret" in initdb or spec.get("superuserSecret"):
            fail(where, f"Cluster {name}: credentials are generated by CNPG, not supplied")
        instances = spec.get("instances")
        if overlay == "dev" and instances != 1:
            fail(where, f"Cluster {name}: 1 instance in dev")
        if overlay == "prod":
            if instances != 3:
                fail(where, f"Cluster {name}: 3 instances in prod")
            synchronous = (spec.get("postgresql") or {}).get("synchronous") or {}
            if synchronous.get("method") != "any" or synchronous.get("number") != 1 \
                    or synchronous.get("dataDurability", "required") != "required":
                fail(where, f"Cluster {name}: prod commits synchronously to a standby "
                            "(postgresql.synchronous: method any, number 1, dataDurability required)")
            store = (spec.get("backup") or {}).get("barmanObjectStore") or {}
            creds = store.get("s3Credentials") or {}
            if not str(store.get("destinationPath", "")).startswith("s3://"):
                fail(where, f"Cluster {name}: prod backups need barmanObjectStore.destinationPath s3://...")
            for key in ("accessKeyId", "secretAccessKey"):
                if not (creds.get(key) or {}).get("name"):
                    fail(where, f"Cluster {name}: s3Credentials.{key} must reference a Secret")
    if overlay == "prod":
        scheduled = {b["spec"]["cluster"]["name"] for b in of_kind(objects, "ScheduledBackup", "postgresql.cnpg.io")}
        for name in expected - scheduled:
            fail(where, f"no ScheduledBackup for Cluster {name}")
    return len(clusters)


def check_prod_extras(where, objects, deployments):
    hpas = of_kind(objects, "HorizontalPodAutoscaler")
    targets = {}
    for h in hpas:
        if h["apiVersion"] != "autoscaling/v2":
            fail(where, f"HPA {h['metadata']['name']} must be autoscaling/v2")
        ref = h["spec"]["scaleTargetRef"]
        targets[ref["name"]] = h
        if ref.get("kind") != "Deployment" or ref["name"] not in deployments:
            fail(where, f"HPA {h['metadata']['name']} scales {ref.get('kind')} {ref['name']}, not a rendered Deployment")
        spec = h["spec"]
        if spec.get("minReplicas") != 2 or spec.get("maxReplicas") != 6:
            fail(where, f"HPA {h['metadata']['name']}: min 2 / max 6 expected")
        cpu = [m for m in spec.get("metrics", []) if m.get("type") == "Resource"
               and m["resource"]["name"] == "cpu"
               and m["resource"]["target"].get("averageUtilization") == 70]
        if not cpu:
            fail(where, f"HPA {h['metadata']['name']}: CPU utilisation target 70 % expected")
    for s in SERVICES:
        if s not in targets:
            fail(where, f"no HPA for {s}")
    pdbs = of_kind(objects, "PodDisruptionBudget")
    for s in SERVICES:
        tl = labels(deployments[s]["spec"]["template"]) if s in deployments else {}
        match = [p for p in pdbs if selects(p["spec"].get("selector") or {}, tl)]
        if len(match) != 1:
            fail(where, f"exactly one PodDisruptionBudget should select {s}, found {len(match)}")
        elif str(match[0]["spec"].get("maxUnavailable")) != "1" or "minAvailable" in match[0]["spec"]:
            fail(where, f"PodDisruptionBudget for {s}: maxUnavailable 1 expected (one pod at a time, however many run)")
    if of_kind(objects, "Ingress"):
        fail(where, "no Ingress: the edge is the Gateway API's (HTTPRoute)")
    gateways = by_name(of_kind(objects, "Gateway", "gateway.networking.k8s.io"))
    routes = of_kind(objects, "HTTPRoute", "gateway.networking.k8s.io")
    public = gateways.get(PUBLIC_GATEWAY)
    internal = gateways.get(INTERNAL_GATEWAY)
    if public is None or internal is None:
        fail(where, f"Gateways {PUBLIC_GATEWAY} and {INTERNAL_GATEWAY} expected")
    else:
        for listener in public["spec"].get("listeners", []):
            if listener.get("protocol") != "HTTPS" or not (listener.get("tls") or {}).get("certificateRefs"):
                fail(where, f"Gateway {PUBLIC_GATEWAY}: every listener HTTPS with a certificate")
        if not any(k.startswith("cert-manager.io/") for k in public["metadata"].get("annotations") or {}):
            fail(where, f"Gateway {PUBLIC_GATEWAY} needs a cert-manager annotation")
        if (internal["metadata"].get("annotations") or {}).get("networking.istio.io/service-type") != "ClusterIP":
            fail(where, f"Gateway {INTERNAL_GATEWAY} must have no load balancer (service-type ClusterIP)")
    routed = {}
    for r in routes:
        n = r["metadata"]["name"]
        parents = {ref["name"] for ref in r["spec"].get("parentRefs", [])}
        for rule in r["spec"].get("rules", []):
            for b in rule.get("backendRefs", []):
                if b.get("name") != "gateway" or b.get("port") != 8080:
                    fail(where, f"HTTPRoute {n} must send to the gateway's API port only, not {json.dumps(b)}")
            matches = rule.get("matches") or [{"path": {"type": "PathPrefix", "value": "/"}}]
            for m in matches:
                path = m.get("path") or {"type": "PathPrefix", "value": "/"}
                for parent in parents:
                    routed.setdefault(parent, set()).add((path.get("type", "PathPrefix"), path.get("value")))
    if routed.get(PUBLIC_GATEWAY) != PUBLIC_PATHS:
        fail(where, f"the public edge must route exactly {sorted(PUBLIC_PATHS)}, routes {sorted(routed.get(PUBLIC_GATEWAY, []))}")
    if routed.get(INTERNAL_GATEWAY) != {("PathPrefix", "/admin")}:
        fail(where, f"the internal edge must route /admin only, routes {sorted(routed.get(INTERNAL_GATEWAY, []))}")
    for parent in set(routed) - {PUBLIC_GATEWAY, INTERNAL_GATEWAY}:
        fail(where, f"an HTTPRoute attaches to {parent}, not one of the two Gateways")
    for s, d in deployments.items():
        image = d["spec"]["template"]["spec"]["containers"][0]["image"]
        if not re.fullmatch(r"[a-z0-9.-]+\.[a-z]+(:[0-9]+)?/corridor/[a-z-]+:[^@]+@sha256:[0-9a-f]{64}", image):
            fail(where, f"Deployment {s}: prod image {image!r} must name its registry and be pinned by digest")
    return len(hpas), len(pdbs), len(routes)


def check_operator_extras(where, objects, overlay, deployments):
    """Bootstrap Secrets, the mesh, monitoring, poolers, Pod Security, spread and Kafka retention."""
    # every Secret the manifests read is made by a controller or by tools/bootstrap.sh, with the key read
    made = {line.split()[0]: set(line.split()[1:]) for line in open(os.path.join(work, "bootstrap", "secrets.txt"))}
    readme = open(os.path.join(deploy, "README.md")).read()
    wanted = {}

    def secrets_read(node):
        """(Secret, keys) wherever a manifest reads one: secretKeyRef, secret volumes (items), S3 credentials."""
        if isinstance(node, dict):
            ref = node.get("secretKeyRef")
            if isinstance(ref, dict):
                wanted.setdefault(ref["name"], set()).add(ref["key"])
            vol = node.get("secret")
            if isinstance(vol, dict) and "secretName" in vol:
                wanted.setdefault(vol["secretName"], set()).update(i["key"] for i in vol.get("items", []))
            for key in ("accessKeyId", "secretAccessKey", "region"):
                if isinstance(node.get(key), dict) and "name" in node[key]:
                    wanted.setdefault(node[key]["name"], set()).add(node[key]["key"])
            for value in node.values():
                secrets_read(value)
        elif isinstance(node, list):
            for value in node:
                secrets_read(value)

    secrets_read([o for o in objects if o.get("kind") != "ConfigMap"])
    for secret, keys in wanted.items():
        if secret in CONTROLLER_SECRETS:
            continue
        if secret not in made:
            fail(where, f"Secret {secret} is read by the manifests but tools/bootstrap.sh does not make it")
        elif not keys <= made[secret]:
            fail(where, f"Secret {secret}: tools/bootstrap.sh makes {sorted(made[secret])}, the manifests read {sorted(keys)}")
        if f"`{secret}`" not in readme:
            fail(where, f"Secret {secret} is missing from deploy/README.md's Secrets table")

    peer_auth = of_kind(objects, "PeerAuthentication", "security.istio.io")
    if not any(not p["spec"].get("selector") and (p["spec"].get("mtls") or {}).get("mode") == "STRICT" for p in peer_auth):
        fail(where, "a namespace-wide PeerAuthentication with mTLS STRICT expected")
    authz = of_kind(objects, "AuthorizationPolicy", "security.istio.io")
    for s in SERVICES:
        tl = labels(deployments[s]["spec"]["template"]) if s in deployments else {}
        mine = [a for a in authz if all(tl.get(k) == v for k, v in ((a["spec"].get("selector") or {}).get("matchLabels") or {}).items())
                and (a["spec"].get("selector") or {}).get("matchLabels")]
        if not mine:
            fail(where, f"no AuthorizationPolicy selects {s}: inside the mesh's tunnel every port would be open")
        for a in mine:
            if a["spec"].get("action", "ALLOW") != "ALLOW":
                continue
            for rule in a["spec"].get("rules", []):
                ports = {int(p) for to in rule.get("to", []) for p in (to.get("operation") or {}).get("ports", [])}
                for src in [f.get("source") or {} for f in rule.get("from", [])]:
                    if src.get("namespaces") == [MONITORING_NAMESPACE]:
                        allowed = {MANAGEMENT_PORT}
                    elif s == "gateway":
                        allowed = {8080} if all(p.endswith("-istio") for p in src.get("principals", [None])) else set()
                    elif src.get("principals") == ["*/sa/gateway"]:
                        allowed = {8080, MANAGEMENT_PORT}
                    elif [p.split("/sa/")[-1] for p in src.get("principals", [])] and \
                            all(p.split("/sa/")[-1] in SERVICE_CALLERS.get(s, []) for p in src.get("principals", [])):
                        allowed = {8080}
                    else:
                        allowed = set()
                    if not ports or not ports <= allowed:
                        fail(where, f"AuthorizationPolicy {a['metadata']['name']} lets {json.dumps(src)} reach {s} on "
                                    f"{sorted(ports) or 'every port'}; at most {sorted(allowed)}")

    monitors = of_kind(objects, "PodMonitor", "monitoring.coreos.com")
    def monitored(lbls, port):
        return any(selects(m["spec"].get("selector") or {}, lbls)
                   and any(e.get("port") == port for e in m["spec"].get("podMetricsEndpoints", [])) for m in monitors)
    for s in SERVICES:
        if not monitored(labels(deployments[s]["spec"]["template"]) if s in deployments else {}, "management"):
            fail(where, f"no PodMonitor scrapes {s}'s management port")
    for c, _ in DATABASES.values():
        if not monitored({"cnpg.io/cluster": c, "cnpg.io/podRole": "instance"}, "metrics"):
            fail(where, f"no PodMonitor scrapes {c}")
    for strimzi_pod in ({"strimzi.io/cluster": KAFKA, "strimzi.io/kind": "Kafka", "strimzi.io/name": f"{KAFKA}-kafka"},
                        {"strimzi.io/cluster": KAFKA, "strimzi.io/kind": "Kafka", "strimzi.io/name": f"{KAFKA}-kafka-exporter"}):
        if not monitored(strimzi_pod, "tcp-prometheus"):
            fail(where, f"no PodMonitor scrapes {strimzi_pod['strimzi.io/name']}")
    kafka = (of_kind(objects, "Kafka", "kafka.strimzi.io") or [{"spec": {}}])[0]["spec"]
    if "kafkaExporter" not in kafka or not (kafka.get("kafka") or {}).get("metricsConfig"):
        fail(where, "Kafka needs metricsConfig and the Kafka Exporter (consumer lag)")
    rules = of_kind(objects, "PrometheusRule", "monitoring.coreos.com")
    groups = [g for r in rules for g in r["spec"].get("groups", [])]
    alerts = {rule.get("alert") for g in groups for rule in g.get("rules", [])}
    for missing in sorted((PROD_ALERTS if overlay == "prod" else ALERTS) - alerts):
        fail(where, f"alert {missing} missing")
    # checked by promtool after every overlay (one run for all); the prod overlay's are also unit-tested
    with open(os.path.join(work, "rules.json" if overlay == "prod" else f"{overlay}-rules.json"), "w") as f:
        json.dump({"groups": groups}, f)
    dashboards = by_name(of_kind(objects, "ConfigMap")).get("corridor-dashboards")
    for s in SERVICES:
        expected = open(os.path.join(work, "dashboards", f"{s}.json")).read()
        if dashboards is None or (dashboards.get("data") or {}).get(f"{s}.json") != expected:
            fail(where, f"dashboard {s}.json is missing or differs from what tools/dashboards.py writes")
    if dashboards is not None and labels(dashboards).get("grafana_dashboard") != "1":
        fail(where, "ConfigMap corridor-dashboards needs label grafana_dashboard: \"1\" (Grafana's sidecar)")

    # poolers: one per database, session mode, and the sums that keep PostgreSQL's connections bounded
    poolers = by_name(of_kind(objects, "Pooler", "postgresql.cnpg.io"))
    clusters = by_name(of_kind(objects, "Cluster", "postgresql.cnpg.io"))
    hpas = {h["spec"]["scaleTargetRef"]["name"]: h for h in of_kind(objects, "HorizontalPodAutoscaler")}
    configmaps = by_name(of_kind(objects, "ConfigMap"))
    for s, (c, _) in DATABASES.items():
        p = poolers.get(pooler(c))
        if p is None or p["spec"].get("cluster", {}).get("name") != c or p["spec"].get("type") != "rw":
            fail(where, f"a Pooler {pooler(c)} (type rw) for {c} expected")
            continue
        bouncer = p["spec"].get("pgbouncer") or {}
        if bouncer.get("poolMode") != "session":
            fail(where, f"Pooler {pooler(c)}: session mode (the outbox relay and Flyway hold session locks)")
        pool = int((bouncer.get("parameters") or {}).get("default_pool_size", 20))
        cluster = clusters.get(c, {"spec": {}})["spec"]
        if pooler(c) not in ((cluster.get("certificates") or {}).get("serverAltDNSNames") or []):
            fail(where, f"Cluster {c}: its certificate must name {pooler(c)} (the services verify it)")
        max_conn = int(((cluster.get("postgresql") or {}).get("parameters") or {}).get("max_connections", 100))
        if p["spec"].get("instances", 1) * pool > max_conn - 10:
            fail(where, f"Pooler {pooler(c)}: {p['spec'].get('instances', 1)} x {pool} connections exceed {c}'s "
                        f"max_connections {max_conn} less 10 for PostgreSQL and the operator")
        if s in deployments:
            env = container_env(deployments[s], configmaps)
            size = int(env.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE") or 20)
            pods = hpas[s]["spec"]["maxReplicas"] if s in hpas else deployments[s]["spec"].get("replicas", 1)
            if pods * size > pool:
                fail(where, f"{s}: {pods} pods x {size} connections exceed one pooler instance's {pool} (session mode)")

    if overlay != "base":
        ns = of_kind(objects, "Namespace")
        if len(ns) != 1 or labels(ns[0]).get("pod-security.kubernetes.io/enforce") != "restricted":
            fail(where, "the namespace must enforce the restricted Pod Security Standard")

    if overlay == "prod":
        for c, cl in clusters.items():
            if not any(t.get("topologyKey") == "topology.kubernetes.io/zone" and t.get("whenUnsatisfiable") == "DoNotSchedule"
                       for t in cl["spec"].get("topologySpreadConstraints", [])):
                fail(where, f"Cluster {c}: its instances must be spread over zones (DoNotSchedule)")
        pools = [p for p in of_kind(objects, "KafkaNodePool", "kafka.strimzi.io")]
        for p in pools:
            spread = ((p["spec"].get("template") or {}).get("pod") or {}).get("topologySpreadConstraints", [])
            if not any(t.get("topologyKey") == "topology.kubernetes.io/zone" and t.get("whenUnsatisfiable") == "DoNotSchedule"
                       for t in spread):
                fail(where, f"KafkaNodePool {p['metadata']['name']}: spread over zones (DoNotSchedule)")
        # tiered storage keeps the topics complete; the brokers' disks hold only local retention, sized here
        if (kafka.get("kafka") or {}).get("tieredStorage", {}).get("type") != "custom":
            fail(where, "Kafka: tiered storage expected (the topics stay complete on bounded disks)")
        brokers = [p for p in pools if p["spec"].get("roles") == ["broker"]]
        units = {"Gi": 2 ** 30, "Ti": 2 ** 40}
        volume = min((int(v["size"][:-2]) * units[v["size"][-2:]] for p in brokers
                      for v in p["spec"]["storage"].get("volumes", [])), default=0)
        n_brokers = sum(p["spec"].get("replicas", 0) for p in brokers) or 1
        local = 0
        for t in of_kind(objects, "KafkaTopic", "kafka.strimzi.io"):
            config = t["spec"].get("config") or {}
            if str(config.get("remote.storage.enable")).lower() != "true" or int(config.get("local.retention.bytes", -1)) <= 0:
                fail(where, f"KafkaTopic {t['metadata']['name']}: remote.storage.enable and a local.retention.bytes expected")
                continue
            local += t["spec"]["partitions"] * t["spec"]["replicas"] * int(config["local.retention.bytes"]) / n_brokers
        if local > 0.75 * volume:
            fail(where, f"the topics' local retention ({local / 2 ** 30:.0f} GiB a broker) exceeds 75 % of a broker's "
                        f"volume ({volume / 2 ** 30:.0f} GiB), where the disk alert fires")


def check_rendering(overlay):
    where = overlay
    objects = load(os.path.join(work, overlay + ".json"))
    for o in objects:
        if o.get("kind") == "Secret":
            fail(where, f"Secret {o['metadata']['name']} is in the manifests; secrets are referenced, never committed")
    deployments = by_name(of_kind(objects, "Deployment"))
    configmaps = by_name(of_kind(objects, "ConfigMap"))
    service_accounts = by_name(of_kind(objects, "ServiceAccount"))
    if sorted(deployments) != sorted(SERVICES):
        fail(where, f"Deployments {sorted(deployments)}, expected {sorted(SERVICES)}")
    for name, d in deployments.items():
        if name in SERVICES:
            check_deployment(f"{where}: Deployment {name}", d, configmaps, service_accounts, overlay)

    pods = {n: labels(d["spec"]["template"]) for n, d in deployments.items()}
    for s in SERVICES:
        pods.setdefault(s, {"app.kubernetes.io/name": s})
    services = of_kind(objects, "Service")
    for svc in services:
        n = svc["metadata"]["name"]
        sel = svc["spec"].get("selector") or {}
        matched = [d for d, l in pods.items() if d in deployments and sel and all(l.get(k) == v for k, v in sel.items())]
        if not matched:
            fail(where, f"Service {n} selects no rendered Deployment")
        for port in svc["spec"].get("ports", []):
            if port.get("targetPort") not in ("http", 8080, "management", MANAGEMENT_PORT):
                fail(where, f"Service {n} port {port.get('name')} targets neither http nor management")
            # the ingress routes to the gateway's Service: its management port must not be there to route to
            if n == "gateway" and port.get("targetPort") not in ("http", 8080):
                fail(where, f"Service gateway exposes port {port.get('name')}; only http, the API")
    for s in SERVICES:
        if s not in by_name(services):
            fail(where, f"Service {s} missing")

    namespaces = {o["metadata"].get("namespace") for o in objects if o.get("kind") != "Namespace"}
    if overlay != "base" and len(namespaces) != 1:
        fail(where, f"objects spread over namespaces {sorted(map(str, namespaces))}")

    n_policies = check_network(where, objects, pods)
    kafka = check_kafka(where, objects, overlay) or (0, 0, 0)
    n_clusters = check_postgres(where, objects, overlay)
    check_operator_extras(where, objects, overlay, deployments)
    summary = (f"{overlay}: {len(objects)} objects, {len(deployments)} deployments, {len(services)} services, "
               f"{n_policies} network policies, kafka {KAFKA} ({kafka[2]} nodes in node pools) + {kafka[0]} topics + "
               f"{kafka[1]} users, {n_clusters} postgres clusters")
    if overlay == "prod":
        hpas, pdbs, routes = check_prod_extras(where, objects, deployments)
        summary += f", {hpas} HPAs, {pdbs} PDBs, {routes} HTTPRoutes"
    return summary


def check_compose():
    where = "compose.yaml"
    doc = load(os.path.join(work, "compose.json"))[0]
    services = doc.get("services") or {}
    for name in ["postgres", "kafka"] + SERVICES:
        if name not in services:
            fail(where, f"service {name} missing")
    if "apache/kafka" not in str(services.get("kafka", {}).get("image", "")):
        fail(where, "kafka must use the apache/kafka image (KRaft)")
    kenv = services.get("kafka", {}).get("environment") or {}
    if "controller" not in str(kenv.get("KAFKA_PROCESS_ROLES", "")):
        fail(where, "kafka must run in KRaft mode (KAFKA_PROCESS_ROLES with controller)")
    pg = services.get("postgres", {})
    if not any("docker-entrypoint-initdb.d" in str(v) for v in pg.get("volumes") or []):
        fail(where, "postgres needs an init script creating the four databases")
    for name in SERVICES:
        s = services.get(name)
        if not s:
            continue
        build = s.get("build") or {}
        if not isinstance(build, dict) or build.get("dockerfile") != "deploy/docker/Dockerfile.jvm" \
                or (build.get("args") or {}).get("SERVICE") != name:
            fail(where, f"{name} must build from deploy/docker/Dockerfile.jvm with SERVICE={name}")
        env = s.get("environment") or {}
        if isinstance(env, list):
            env = dict(e.split("=", 1) if "=" in e else (e, "") for e in env)
        needed = ["QUARKUS_HTTP_PORT", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                  "QUARKUS_DATASOURCE_PASSWORD"]
        if name == "gateway":
            needed += ["SMALLRYE_JWT_SIGN_KEY_LOCATION"] + [
                f"CORRIDOR_GATEWAY_UPSTREAMS_{part}{upstream.upper().replace('-', '_')}"
                for part in ("", "MANAGEMENT_") for upstream in KAFKA_SERVICES]
        else:
            needed += ["KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER"]
        if name == "case-service":
            needed += ["CORRIDOR_CASES_KEY_DIRECTORY", "CORRIDOR_CASES_AUDIT_KEY_DIRECTORY",
                       "CORRIDOR_CASES_AUDIT_CHECKPOINTS_SIGNING_KEY", "CORRIDOR_CASES_AUDIT_CHECKPOINTS_PUBLIC_KEY"]
        if name in IDEMPOTENCY_KEYS:
            needed += ["CORRIDOR_IDEMPOTENCY_KEY_DIRECTORY"]
        for var in needed:
            if var not in env:
                fail(where, f"{name}: environment variable {var} missing")
        published = [str(p) for p in s.get("ports") or []]
        if name == "gateway":
            if not any(re.fullmatch(r"(\d+\.\d+\.\d+\.\d+:)?8080:8080(/tcp)?", p) for p in published):
                fail(where, "the gateway must be published on 8080")
        elif published:
            fail(where, f"{name} is published ({published}); only the gateway should be")
    return f"compose: {len(services)} services, gateway on 8080"


def check_dockerfile():
    where = "deploy/docker/Dockerfile.jvm"
    path = os.path.join(deploy, "docker", "Dockerfile.jvm")
    if not os.path.isfile(path):
        fail(where, "missing")
        return
    text = open(path).read()
    if not re.search(r"^FROM (eclipse-temurin:21-jre|registry\.access\.redhat\.com/ubi9/openjdk-21-runtime)", text, re.M):
        fail(where, "base image eclipse-temurin:21-jre or ubi9/openjdk-21-runtime expected")
    if not re.search(r"^USER 185\s*$", text, re.M):
        fail(where, "USER 185 expected")
    if not re.search(r"^HEALTHCHECK .*", text, re.M) or "/q/health/live" not in text \
            or f"/dev/tcp/127.0.0.1/{MANAGEMENT_PORT}" not in text:
        fail(where, f"HEALTHCHECK on /q/health/live at the management port {MANAGEMENT_PORT} expected")
    if not re.search(r"^ARG SERVICE", text, re.M):
        fail(where, "ARG SERVICE expected")


summaries = []
for overlay in ("base", "dev", "prod"):
    try:
        summaries.append(check_rendering(overlay))
    except (KeyError, TypeError, AttributeError) as e:
        fail(overlay, f"unexpected structure ({type(e).__name__}: {e})")
try:
    summaries.append(check_compose())
except (KeyError, TypeError, AttributeError, IndexError) as e:
    fail("compose.yaml", f"unexpected structure ({type(e).__name__}: {e})")
check_dockerfile()

with open(os.path.join(work, "rules.test.yaml"), "w") as f:
    f.write(open(os.path.join(here, "monitoring-tests", "rules.test.yaml")).read())
for command in (["promtool", "check", "rules"] + [os.path.join(work, f) for f in ("base-rules.json", "dev-rules.json", "rules.json")],
                ["promtool", "test", "rules", os.path.join(work, "rules.test.yaml")]):
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode:
        fail("rules", f"{' '.join(command[:3])}: " + (run.stdout + run.stderr).strip())

if failures:
    print(f"check.sh: {len(failures)} problem(s):", file=sys.stderr)
    for f in failures:
        print("  - " + f, file=sys.stderr)
    sys.exit(1)
for s in summaries:
    print("ok  " + s)
PY
