package org.corridor.infra.testing;

/** Management interface of {@link KafkaControl}. */
public interface KafkaControlMBean {

    void stop();

    void restart() throws Exception;
}
