package org.corridor.infra;

import java.nio.file.Path;
import java.util.List;

/**
 * Empties the database of a service that holds only read models built from events, so that on its next start it reads
 * every topic from the start again ({@code deploy/local/corridor rebuild-reports}). Refuses any service whose database
 * holds data of its own: that would be lost, not rebuilt.
 *
 * <p>Arguments: {@code <postgres port> <password file> <service>}.
 */
public final class EmptyReadModel {

    private static final List<String> READ_MODEL_SERVICES = List.of("report-service");

    private EmptyReadModel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !READ_MODEL_SERVICES.contains(args[2])) {
            System.err.println("usage: EmptyReadModel <postgres port> <password file> " + String.join("|", READ_MODEL_SERVICES));
            System.exit(2);
        }
        String database = CorridorInfrastructure.DATABASES.stream()
                .filter(owned -> owned.service().equals(args[2]))
                .findFirst().orElseThrow().name();
        PostgresServer.recreateDatabase(Integer.parseInt(args[0]), PostgresServer.passwordIn(Path.of(args[1])), database);
    }
}
