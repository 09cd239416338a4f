package org.corridor.report.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.corridor.report.domain.DisclosureControl;

@ApplicationScoped
public class DisclosureControls {

    /** Made at startup, so that a threshold below the minimum stops the service before it publishes anything. */
    @Produces
    @Singleton
    @Startup
    DisclosureControl disclosureControl(ReportConfig config) {
        return new DisclosureControl(config.k());
    }
}
