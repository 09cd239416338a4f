package org.corridor.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.infra.testing.ServiceContract;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class GatewayContractTest extends ServiceContract {

    @Override
    protected boolean usesKafka() {
        return false;
    }

    @Override
    protected boolean requiresInternalToken() {
        return false;
    }
}
