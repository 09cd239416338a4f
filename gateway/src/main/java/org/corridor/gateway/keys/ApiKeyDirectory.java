package org.corridor.gateway.keys;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.corridor.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The API keys, held in memory by hash so that authenticating a request never waits on the database, and re-read
 * periodically so that new, expired and revoked keys take effect on every gateway instance.
 */
@ApplicationScoped
public class ApiKeyDirectory {

    private static final Logger LOG = Logger.getLogger(ApiKeyDirectory.class);

    private final ApiKeyStore store;
    private final GatewayConfig config;
    private final ApiKeyImport keyImport;
    private final Clock clock = Clock.systemUTC();
    private volatile Map<ApiKeyHash, ApiKeyGrant> grants = Map.of();
    private ScheduledExecutorService refresher;

    public ApiKeyDirectory(ApiKeyStore store, GatewayConfig config, ApiKeyImport keyImport) {
        this.store = store;
        this.config = config;
        this.keyImport = keyImport;
    }

    void start(@Observes StartupEvent startup) throws Exception {
        keyImport.importConfiguredKeys();
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().name("api-key-refresh").daemon().unstarted(task));
        long period = config.apiKeyRefresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** The grant of a presented key, if it is known, unexpired and not revoked. */
    public Optional<ApiKeyGrant> authenticate(String presentedKey) {
        ApiKeyGrant grant = grants.get(ApiKeyHash.of(presentedKey));
        return grant != null && grant.validAt(clock.instant()) ? Optional.of(grant) : Optional.empty();
    }

    public void refresh() throws SQLException {
        grants = Map.copyOf(store.loadAll());
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (SQLException | RuntimeException | Error e) {
            // anything thrown out of a task ends its schedule for good: revoked keys would stay valid
            LOG.warnf("could not re-read API keys (%s); keeping the last known set", e.getClass().getSimpleName());
        }
    }
}
