package org.corridor.cases.imports.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.imports.repository.ExternalIdRepository;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.service.CaseService;
import org.corridor.cases.service.VisibleCase;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Caller;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The caller's organisation's cases, a page at a time, as the caller may read them and audited as the list of cases
 * audits them, each with the organisation's own id of it: the external id it was imported with, else its id.
 */
@ApplicationScoped
public class CaseExport {

    private static final CaseRepository.CaseFilter EVERY_CASE = new CaseRepository.CaseFilter(Set.of(), Set.of(), Set.of(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    private final CaseService cases;
    private final ExternalIdRepository externalIds;
    private final Caller caller;

    public CaseExport(CaseService cases, ExternalIdRepository externalIds, Caller caller) {
        this.cases = cases;
        this.externalIds = externalIds;
        this.caller = caller;
    }

    @Transactional
    public Exported page(String cursor, int limit) {
        Page<VisibleCase> page = cases.list(EVERY_CASE, cursor, limit);
        return new Exported(page, externalIds.of(caller.organisation(),
                page.items().stream().map(visible -> visible.file().id()).toList()));
    }

    public record Exported(Page<VisibleCase> cases, Map<UUID, String> externalIds) {

        public String externalId(VisibleCase visible) {
            return externalIds.getOrDefault(visible.file().id(), visible.file().id().toString());
        }
    }
}
