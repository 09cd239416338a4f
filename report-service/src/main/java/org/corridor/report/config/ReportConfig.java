package org.corridor.report.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "corridor.reports")
public interface ReportConfig {

    /** The disclosure threshold: a figure of 1 to k-1 people is withheld. At least 3, or the service refuses to start. */
    @WithDefault("5")
    int k();

    /**
     * How long the background step that protects the tables whose tallies changed waits between runs: a change shows
     * in reports at most this long plus a run after it is applied.
     */
    @WithDefault("PT0.05S")
    Duration protectEvery();
}
