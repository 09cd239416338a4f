package org.corridor.cases.imports.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.event.CaseEvents;
import org.corridor.cases.imports.domain.ImportChunk;
import org.corridor.cases.imports.domain.ImportCounts;
import org.corridor.cases.imports.domain.ImportJob;
import org.corridor.cases.imports.domain.LineError;
import org.corridor.cases.imports.repository.ExternalIdRepository;
import org.corridor.cases.imports.repository.ImportRepository;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.security.FieldCipher;
import org.corridor.cases.service.AuditTrail;
import org.corridor.cases.service.CaseRisk;
import org.corridor.cases.service.CaseService;
import org.corridor.platform.policy.PolicyTerms;
import org.corridor.platform.problem.Problem;
import org.corridor.platform.problem.ProblemException;
import org.corridor.platform.request.RequestIds;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Imports one spooled chunk per transaction, set-based: its lines are read and their cases composed, sealed and
 * scored as {@code POST /api/v1/cases} does one, their external ids claimed in one statement, and the new cases
 * written, audited as their importer's creation and evented in one batch each; the chunk is deleted and the import's
 * counts added in the same transaction, so a crash at any point imports the chunk once, whole, after the restart.
 */
@ApplicationScoped
public class ImportBatches {

    private final ImportRepository imports;
    private final ExternalIdRepository externalIds;
    private final CaseLines lines;
    private final CaseService cases;
    private final CaseRepository caseFiles;
    private final CaseRisk risk;
    private final AuditTrail audit;
    private final CaseEvents events;
    private final FieldCipher cipher;
    private final Clock clock;

    public ImportBatches(ImportRepository imports, ExternalIdRepository externalIds, CaseLines lines, CaseService cases,
                         CaseRepository caseFiles, CaseRisk risk, AuditTrail audit, CaseEvents events, FieldCipher cipher,
                         Clock clock) {
        this.imports = imports;
        this.externalIds = externalIds;
        this.lines = lines;
        this.cases = cases;
        this.caseFiles = caseFiles;
        this.risk = risk;
        this.audit = audit;
        this.events = events;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Imports the next chunk waiting, if any: false when none is. */
    @Transactional
    public boolean importNextChunk() {
        Optional<ImportChunk> next = imports.lockNextChunk();
        if (next.isEmpty()) {
            return false;
        }
        ImportChunk chunk = next.get();
        // not locked: the upload goes on spooling meanwhile; the counts are added last, under the import's lock
        ImportJob job = imports.job(chunk.importId());
        // the events and the audit entries name the request that sent the file, as they would name a creation's
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        putRequestId(job.requestId());
        try {
            String text = cipher.open(CaseImports.chunkLocation(job, chunk.sequence()), chunk.content());
            Outcome outcome = importLines(job, chunk, text);
            imports.deleteChunk(chunk);
            imports.addErrors(job.id(), outcome.errors().stream().limit(job.errorRoom()).toList());
            imports.count(job.id(), outcome.counts(), clock.instant());
        } finally {
            putRequestId(requestId);
        }
        return true;
    }

    private static void putRequestId(Object requestId) {
        if (requestId == null) {
            MDC.remove(RequestIds.MDC_KEY);
        } else {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
    }

    /** Fails the imports whose upload stalled for {@code stalledFor}: the service receiving them stopped. */
    @Transactional
    public int failStalled(Duration stalledFor) {
        return imports.failStalled(clock.instant().minus(stalledFor), clock.instant());
    }

    private Outcome importLines(ImportJob job, ImportChunk chunk, String text) {
        Set<Long> tooLong = Arrays.stream(chunk.tooLong()).boxed().collect(Collectors.toSet());
        List<LineError> errors = new ArrayList<>();
        Map<String, CaseFile> composed = new LinkedHashMap<>();
        long read = 0;
        long replayed = 0;
        String[] lineTexts = text.split("\n", -1);
        for (int i = 0; i < lineTexts.length; i++) {
            long number = chunk.firstLine() + i;
            if (tooLong.contains(number)) {
                read++;
                errors.add(new LineError(number, Problem.of(400, "line-too-long", "Line too long",
                        "The line is longer than an import takes; it was not read.", null)));
                continue;
            }
            if (lineTexts[i].isBlank()) {
                continue;
            }
            read++;
            CaseLines.Line line = lines.read(lineTexts[i]);
            if (line.problem() != null) {
                errors.add(new LineError(number, line.problem()));
            } else if (composed.containsKey(line.externalId())) {
                replayed++;
            } else {
                try {
                    composed.put(line.externalId(), cases.compose(job.organisation(), line.description()));
                } catch (ProblemException e) {
                    errors.add(new LineError(number, e.toProblem()));
                }
            }
        }
        Set<String> claimed = externalIds.claim(job.organisation(), composed.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, entry -> entry.getValue().id(), (a, b) -> a, LinkedHashMap::new)));
        List<CaseFile> created = composed.entrySet().stream().filter(entry -> claimed.contains(entry.getKey()))
                .map(Map.Entry::getValue).toList();
        replayed += composed.size() - created.size();
        create(job, created);
        return new Outcome(new ImportCounts(read, created.size(), replayed, errors.size()), errors);
    }

    private void create(ImportJob job, List<CaseFile> created) {
        if (created.isEmpty()) {
            return;
        }
        Function<String, Optional<PolicyTerms>> policies = risk.policiesToday();
        Map<UUID, String> organisations = new LinkedHashMap<>();
        for (CaseFile file : created) {
            risk.assess(file, policies);
            caseFiles.persist(file);
            organisations.put(file.id(), file.organisation());
        }
        caseFiles.flush();
        audit.recordOpenedEach(job.actor(), organisations, AuditAction.CREATE);
        events.openedAll(created);
    }

    private record Outcome(ImportCounts counts, List<LineError> errors) {
    }
}
