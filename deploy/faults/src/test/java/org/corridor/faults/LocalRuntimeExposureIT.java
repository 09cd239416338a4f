package org.corridor.faults;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The local runtime keeps to this machine and to the user who started it: its state (keys, database, logs) is closed
 * to other users, PostgreSQL asks every connection for the generated password, and no process listens on an address
 * other hosts can reach.
 */
class LocalRuntimeExposureIT {

    private static final LocalCorridor CORRIDOR = new LocalCorridor();
    private static final List<String> SERVICE_PORTS = List.of("CORRIDOR_GATEWAY_PORT", "CORRIDOR_CASE_SERVICE_PORT",
            "CORRIDOR_POLICY_SERVICE_PORT", "CORRIDOR_REPORT_SERVICE_PORT");
    /** Where deploy/local/corridor puts each service's management interface (health, metrics) unless told otherwise. */
    private static final int MANAGEMENT_PORT_ABOVE = 10;

    @BeforeAll
    static void startCorridor() {
        CORRIDOR.start();
    }

    @AfterAll
    static void stopCorridor() {
        CORRIDOR.stop();
    }

    @Test
    void stateIsClosedToOtherUsers() throws IOException {
        Path run = Path.of(System.getProperty("corridor.run-dir"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run)));
        assertTrue(Files.size(run.resolve("keys/postgres-password")) >= 24, "a generated PostgreSQL password");
    }

    @Test
    void postgresAsksForTheGeneratedPassword() {
        String url = "jdbc:postgresql://127.0.0.1:" + System.getenv("CORRIDOR_POSTGRES_PORT") + "/cases";
        for (String password : List.of("", "postgres")) {
            var refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", password).close());
            // 28P01: a wrong password; 08004: the server asked for a password the client did not have
            assertTrue(Set.of("28P01", "08004").contains(refused.getSQLState()), refused.getMessage());
        }
    }

    @Test
    void nothingListensWhereOtherHostsReach() throws SocketException {
        List<InetAddress> reachable = NetworkInterface.networkInterfaces()
                .filter(LocalRuntimeExposureIT::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .toList();
        assumeFalse(reachable.isEmpty(), "this machine has no address but loopback");
        Map<String, Integer> ports = new TreeMap<>();
        for (String service : SERVICE_PORTS) {
            int port = Integer.parseInt(System.getenv(service));
            ports.put(service, port);
            ports.put(service.replace("_PORT", "_MANAGEMENT_PORT"), port + MANAGEMENT_PORT_ABOVE);
        }
        for (String server : List.of("CORRIDOR_POSTGRES_PORT", "CORRIDOR_KAFKA_PORT")) {
            ports.put(server, Integer.parseInt(System.getenv(server)));
        }
        for (InetAddress address : reachable) {
            ports.forEach((name, port) -> assertFalse(accepts(address, port), name + " (" + port + ") open on " + address));
        }
    }

    private static boolean accepts(InetAddress address, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (ConnectException | SocketTimeoutException refused) {
            return false;
        } catch (IOException e) {
            throw new AssertionError("could not try " + address + ":" + port, e);
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
