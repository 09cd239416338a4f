package org.corridor.infra.testing;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the application logs during each test, with each record's MDC, for tests of what log lines say (and never
 * say). Registered with {@code @RegisterExtension}.
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

    private final Queue<ExtLogRecord> records = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            var captured = (ExtLogRecord) record;
            // the MDC and message are read on the logging thread, where they are the request's
            captured.copyAll();
            records.add(captured);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void beforeEach(ExtensionContext context) {
        Logger.getLogger("").addHandler(capture);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Logger.getLogger("").removeHandler(capture);
    }

    public List<ExtLogRecord> records() {
        return List.copyOf(records);
    }
}
