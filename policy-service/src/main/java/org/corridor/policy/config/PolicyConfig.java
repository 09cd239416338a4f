package org.corridor.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;

@ConfigMapping(prefix = "corridor.policy")
public interface PolicyConfig {

    /** case-service, asked what a draft would do to the active cases before it is published. */
    @WithDefault("http://127.0.0.1:8081")
    URI caseService();
}
