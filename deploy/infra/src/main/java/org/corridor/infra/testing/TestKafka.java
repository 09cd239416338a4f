package org.corridor.infra.testing;

import java.lang.management.ManagementFactory;

/** Lets a test take the shared broker down and bring it back, to prove that no event is lost in an outage. */
public final class TestKafka {

    private TestKafka() {
    }

    public static void stop() {
        invoke("stop");
    }

    public static void restart() {
        invoke("restart");
    }

    public static String bootstrapServers() {
        return System.getProperty(CorridorTestInfrastructure.KAFKA_BOOTSTRAP);
    }

    private static void invoke(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(KafkaControl.NAME, operation, null, null);
        } catch (Exception e) {
            throw new IllegalStateException("could not " + operation + " the test broker", e);
        }
    }
}
