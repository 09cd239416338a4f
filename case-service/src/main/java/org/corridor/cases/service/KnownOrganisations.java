package org.corridor.cases.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.repository.KnownOrganisationRepository;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Organisations become known when one of their callers first reaches case-service; an offer to any other name is
 * refused, so a case cannot wait for whoever registers that name later.
 */
@ApplicationScoped
public class KnownOrganisations {

    private final KnownOrganisationRepository organisations;
    private final Clock clock;
    private final Set<String> rememberedByThisProcess = ConcurrentHashMap.newKeySet();

    public KnownOrganisations(KnownOrganisationRepository organisations, Clock clock) {
        this.organisations = organisations;
        this.clock = clock;
    }

    public void callerOf(String organisation) {
        if (rememberedByThisProcess.contains(organisation)) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> organisations.remember(organisation, clock.instant()));
        rememberedByThisProcess.add(organisation);
    }

    public boolean isKnown(String organisation) {
        return organisations.isKnown(organisation);
    }
}
