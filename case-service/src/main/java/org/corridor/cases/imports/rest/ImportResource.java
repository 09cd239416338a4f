package org.corridor.cases.imports.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.corridor.cases.imports.domain.ImportJob;
import org.corridor.cases.imports.service.CaseImports;
import org.corridor.platform.http.PublicLinks;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.UUID;

/** Bulk imports of cases into the caller's organisation, one case per line, followed as jobs. */
@Path("/api/v1/cases/imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASEWORKER, Roles.PROTECTION_OFFICER, Roles.COORDINATOR})
@Tag(name = "Cases")
public class ImportResource {

    public static final String NDJSON = "application/x-ndjson";
    private static final String IMPORT = "/api/v1/cases/imports/{id}";

    private final CaseImports imports;
    private final Caller caller;
    private final PublicLinks links;

    public ImportResource(CaseImports imports, Caller caller, PublicLinks links) {
        this.imports = imports;
        this.caller = caller;
        this.links = links;
    }

    @POST
    @Consumes(NDJSON)
    @Operation(operationId = "importCases", summary = "Import many cases from a file, one per line (NDJSON)", description = """
            Each line is a case exactly as openCase takes it, plus `externalId`: your own id of the case, 1 to 200 \
            characters, unique in your organisation. A line whose `externalId` was imported before is a replay and \
            creates nothing, so a file can be sent again safely after any failure. Every case created is encrypted, \
            scored, audited (as your creation) and evented as openCase does it.

            The file is streamed: send it whole, of any size (the gateway takes up to its import limit). Once it has \
            all arrived the import is accepted (202) and finishes even if the service restarts; follow it at \
            `Location`. A line that is not a valid case (malformed JSON, an unknown value, a missing alias, a line \
            over 1 MiB) is refused on its own, with its line number and a problem in the import's `errors`, and \
            the rest of the file is imported. Export (exportCases) writes this format.""")
    @RequestBody(content = @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING,
            description = "Lines of JSON, each a case as openCase takes it plus externalId.",
            example = "{\"externalId\":\"F-1001\",\"members\":[{\"alias\":\"Swallow\",\"sex\":\"female\",\"ageBand\":\"18-59\"}],"
                    + "\"currentCountry\":\"CN\",\"plannedRoute\":[\"CN\",\"LA\",\"TH\",\"KR\"]}")))
    @APIResponse(responseCode = "202", description = "The file has arrived; its import is under way.",
            headers = @Header(name = "Location", description = "The import, to follow.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportView.class)))
    public Response importCases(InputStream body) {
        ImportJob job = imports.receive(caller.organisation(), caller.subject(), body);
        return Response.accepted(progress(job.id())).header(HttpHeaders.LOCATION, links.to(IMPORT, job.id())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImport", summary = "An import's progress and the errors of its lines", description = """
            How far the import is, what its lines came to, and why lines were refused (the first 1,000, by line \
            number). Another organisation's import is not found.""")
    @APIResponse(responseCode = "200", description = "The import.")
    @APIResponse(responseCode = "404", description = "Your organisation has no import with this id.")
    public ImportView progress(@PathParam("id") @Parameter(description = "The import's id (a UUID).",
            schema = @Schema(implementation = UUID.class)) String id) {
        UUID importId;
        try {
            importId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "is not an import id (UUID)");
        }
        return progress(importId);
    }

    private ImportView progress(UUID id) {
        return imports.progress(id, caller.organisation()).map(ImportResource::view)
                .orElseThrow(() -> ProblemException.notFound("The import"));
    }

    private static ImportView view(CaseImports.Progress progress) {
        ImportJob job = progress.job();
        ImportView.Status status = switch (job.state()) {
            case RECEIVING, RECEIVED -> ImportView.Status.RUNNING;
            case COMPLETED -> ImportView.Status.COMPLETED;
            case FAILED -> ImportView.Status.FAILED;
        };
        return new ImportView(job.id(), status, job.lines(), job.created(), job.replayed(), job.rejected(),
                progress.errors().stream().map(error -> new ImportView.LineErrorView(error.line(), error.problem())).toList());
    }
}
