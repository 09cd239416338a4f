// The TypeScript client generated from the published contract, against the running system: a case opened, found by a
// filtered list, followed through the change feed, and a report read as CSV. Writes SMOKE_PASSED only if all held.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
    AgeBand, CaseStatus, CasesApi, ChangeType, ChangesApi, Configuration, ReportsApi, Sex,
} from '../target/generated-sources/corridor-client';

interface Credential { org: string; roles: string[]; apiKey: string; }

const gateway = process.env.CORRIDOR_GATEWAY ?? 'http://127.0.0.1:8080';
const credentials: Credential[] = JSON.parse(readFileSync(process.env.CORRIDOR_CREDENTIALS ?? 'credentials.json', 'utf8'));

function as(org: string, role: string): Configuration {
    const credential = credentials.find(c => c.org === org && c.roles.length === 1 && c.roles[0] === role);
    if (!credential) {
        throw new Error(`no demo key for ${org} ${role}`);
    }
    return new Configuration({ basePath: gateway, apiKey: `ApiKey ${credential.apiKey}` });
}

function check(holds: boolean, what: string): void {
    if (!holds) {
        throw new Error(what);
    }
    console.log(`ok: ${what}`);
}

async function main(): Promise<void> {
    const caseworker = as('crossing-hope', 'caseworker');
    const cases = new CasesApi(caseworker);
    const opened = await cases.openCase({
        idempotencyKey: randomUUID(),
        caseRequest: {
            members: [{ alias: 'Smoke-TS', sex: Sex.Female, ageBand: AgeBand._1859 }],
            currentCountry: 'LA',
            plannedRoute: ['LA', 'TH', 'KR'],
        },
    });
    check(opened.status === CaseStatus.Open && opened.currentCountry === 'LA', 'a case opened through the generated client');

    let found = false;
    let cursor: string | undefined;
    do {
        const page = await cases.listCases({ status: [CaseStatus.Open, CaseStatus.InTransit], currentCountry: ['LA'],
            updatedAfter: new Date(opened.createdAt!.getTime() - 1), limit: 200, cursor });
        found = page.items!.some(item => item.id === opened.id);
        cursor = page.next ?? undefined;
    } while (!found && cursor);
    check(found, 'the case listed by status, country and updatedAfter');

    const changes = new ChangesApi(caseworker);
    let feedCursor: string | undefined;
    let seen = false;
    for (let pages = 0; pages < 1000 && !seen; pages++) {
        const page = await changes.listChanges({ cursor: feedCursor, limit: 1000, types: [ChangeType.Opened] });
        seen = page.items.some(change => change.caseId === opened.id && change.type === ChangeType.Opened);
        if (page.items.length === 0) {
            // the feed is sequenced shortly after commit: wait for it rather than read past the case
            await new Promise(resolve => setTimeout(resolve, 200));
        }
        feedCursor = page.next;
    }
    check(seen, 'the opening followed through the change feed');

    const reports = new ReportsApi(as('crossing-hope', 'analyst'));
    const csv = await reports.getReportCsv({ report: 'overview' });
    check(typeof csv === 'string' && csv.startsWith('status,country,count,suppressed\r\n'), 'the overview read as CSV text');
    const hxl = await reports.getReportCsv({ report: 'arrivals', hashtags: true, interval: 'month' });
    check(hxl.split('\r\n')[1].startsWith('#'), 'the arrivals read as HXL text');
    const overview = await reports.getOverviewReport({});
    check(Array.isArray(overview.cells), 'the overview read as JSON');
}

const passed = process.env.SMOKE_PASSED ?? 'target/smoke-passed';
rmSync(passed, { force: true }); // a pass of an earlier build must not stand for this one
main().then(() => {
    writeFileSync(passed, new Date().toISOString() + '\n');
    console.log('TypeScript client smoke test passed');
}, failure => {
    console.error('TypeScript client smoke test FAILED:', failure);
    process.exitCode = 1;
});
