package org.corridor.report.event;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.corridor.infra.testing.CapturedLogs;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.platform.events.CloudEventCodec;
import org.corridor.platform.events.CorridorTopics;
import org.corridor.report.Events;
import org.corridor.report.Events.Band;
import org.corridor.report.Events.CaseAt;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator follows a case event's trace into the projection: the line about applying it carries its trace id. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class EventTraceLogTest {

    @Inject
    DataSource dataSource;

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    @Test
    void applyingACaseEventLogsWithTheTraceIdItCarries() {
        String traceId = "6e0c63257de34c92bf9efcd03927272e";
        CaseAt opened = CaseAt.opened("crossing-hope", new Band("male", "18-59", 2));
        Events.Sent untraced = Events.caseEvent("opened", opened);
        Events.Sent traced = new Events.Sent(untraced.eventId(), new JsonFormat().serialize(
                CloudEventBuilder.v1(CloudEventCodec.decode(untraced.value()))
                        .withExtension("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build()));

        Events.sendAndAwait(dataSource, opened, traced);

        List<ExtLogRecord> lines = logs.records().stream().filter(record -> traceId.equals(record.getMdc("traceId"))).toList();
        assertFalse(lines.isEmpty(), "a line about applying the event, with its trace id");
        for (ExtLogRecord line : lines) {
            assertTrue(line.getFormattedMessage().contains(untraced.eventId() + " (" + CorridorTopics.CASE_EVENT_TYPE_PREFIX + "opened)"),
                    line.getFormattedMessage());
        }
    }
}
