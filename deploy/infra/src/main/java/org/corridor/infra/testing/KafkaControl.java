package org.corridor.infra.testing;

import org.corridor.infra.CorridorInfrastructure;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Stops and restarts the test broker. Registered as an MBean because tests and the test resource may see different
 * copies of this class (one per Quarkus class loader), while the platform MBean server is one per JVM.
 */
public class KafkaControl implements KafkaControlMBean {

    static final ObjectName NAME = objectName();

    private final CorridorInfrastructure infrastructure;

    KafkaControl(CorridorInfrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    @Override
    public void stop() {
        infrastructure.stopKafka();
    }

    @Override
    public void restart() throws Exception {
        infrastructure.restartKafka();
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName("org.corridor.test:type=KafkaControl");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
