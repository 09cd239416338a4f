"""Turns the statements PostgreSQL logged (log_statement=all, log_line_prefix '%m [%p] %d ') while one request ran
into a pgbench script that replays exactly them: the request's own transactions on DATABASE, those that insert a
row of the request's case into TABLE (so not those of pollers and relays sharing the connections, nor background
work that a request sets off and that mentions the case too, such as an alert or a re-scoring), each logged parameter
put in its place, each id the request created (a UUID first seen in an INSERT) drawn at random per transaction, so
unique keys do not collide.

    python3 pgbench_script.py DATABASE REQUEST_LOG CASE_ID created|existing TABLE > script.pgbench

With "existing" (the request acted on a case that was there before), CASE_ID is replaced by a case of table
bench_case (n, id), each client taking the next of its own share of them (pgbench -D seq=0 -D per_client=COUNT/CLIENTS),
so that every transaction acts on a case of its own as every request did.
"""
import re
import sys

RECORD = re.compile(r"^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[(\d+)\] (\S*) ([A-Z]+):  (.*)$")
STATEMENT = re.compile(r"^(?:execute [^:]+|statement): (.*)$", re.S)
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')", re.S)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def transactions(path, database):
    """Per connection, BEGIN to COMMIT (or a statement outside a transaction): lists of [sql with $n, {n: literal}]."""
    records = []
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = RECORD.match(line.rstrip("\n"))
            if match:
                records.append(list(match.groups()))
            elif records:
                records[-1][3] += "\n" + line.rstrip("\n")
    done, open_by_pid, last_by_pid = [], {}, {}
    for pid, db, level, message in records:
        if db != database:
            continue
        statement = STATEMENT.match(message) if level == "LOG" else None
        if statement:
            sql = statement.group(1).strip()
            # the driver's one-off look-up of a type, made once per connection, and empty statements are not the request's
            if not sql or "pg_catalog." in sql:
                last_by_pid.pop(pid, None)  # its parameters are its own, not those of the statement before it
                continue
            last_by_pid[pid] = [sql, {}]
            current = open_by_pid.setdefault(pid, [])
            current.append(last_by_pid[pid])
            if sql.upper() in ("COMMIT", "ROLLBACK") or (len(current) == 1 and sql.upper() != "BEGIN"):
                done.append(open_by_pid.pop(pid))
        elif level == "DETAIL" and message.lower().startswith("parameters: ") and pid in last_by_pid:
            last_by_pid[pid][1].update({int(n): value for n, value in PARAMETER.findall(message)})
    return done


def bound(sql, parameters):
    for n in sorted(parameters, reverse=True):
        sql = re.sub(r"\$" + str(n) + r"(?!\d)", lambda _: parameters[n], sql)
    return sql


def inserts_into(table, case_id, transaction):
    return any(re.match(r"insert\s+into\s+" + table + r"\b", sql, re.I)
               and (case_id in sql or any(case_id in value for value in parameters.values()))
               for sql, parameters in transaction)


def main(database, request_log, case_id, case_was, table):
    replayed = [bound(sql, parameters) for transaction in transactions(request_log, database)
                if inserts_into(table, case_id, transaction)
                for sql, parameters in transaction]
    if not replayed:
        sys.exit("no transaction inserting into %s for case %s among the captured statements" % (table, case_id))
    existing_case = case_id if case_was == "existing" else ""
    created = {}
    for sql in replayed:
        if sql.lower().startswith("insert"):
            for uuid in (found for found in UUID.findall(sql) if found != existing_case):
                created.setdefault(uuid, "id%d" % (len(created) + 1))
    print("-- the statements of one request as PostgreSQL logged them (deploy/bench/write-path/run.sh CAPTURE=1);")
    print("-- each id the request created is drawn at random per transaction, its last 12 digits from :idN")
    for name in created.values():
        print("\\set %s random(100000000000, 999999999999)" % name)
    if existing_case:
        print("\\set seq :seq + 1")
        print("SELECT id AS case_id FROM bench_case WHERE n = :client_id * :per_client + :seq \\gset")

    def variable(match):
        if match.group(0) in created:
            return "00000000-0000-4000-8000-:" + created[match.group(0)]
        return ":case_id" if match.group(0) == existing_case else match.group(0)

    for sql in replayed:
        sql = UUID.sub(variable, sql)
        print(sql.rstrip(";") + ";")


if __name__ == "__main__":
    main(*sys.argv[1:6])
