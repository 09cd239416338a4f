package org.corridor.report;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.infra.testing.ServiceContract;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class ReportServiceContractTest extends ServiceContract {
}
