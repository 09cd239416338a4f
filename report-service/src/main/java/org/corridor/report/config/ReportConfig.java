package org.corridor.report.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "corridor.reports")
public interface ReportConfig {

    /** The disclosure threshold: a figure of 1 to k-1 people is withheld. At least 3, or the service refuses to start. */
    @WithDefault("5")
    int k();
}
