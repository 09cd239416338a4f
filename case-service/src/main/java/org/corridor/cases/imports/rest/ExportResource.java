package org.corridor.cases.imports.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.StreamingOutput;
import org.corridor.cases.imports.service.CaseExport;
import org.corridor.cases.rest.CaseMapper;
import org.corridor.cases.rest.CaseView;
import org.corridor.cases.service.VisibleCase;
import org.corridor.platform.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedOutputStream;
import java.io.OutputStream;

/** The organisation's cases as one file, in the format imports take. */
@Path("/api/v1/cases/export")
@RolesAllowed({Roles.CASEWORKER, Roles.PROTECTION_OFFICER, Roles.COORDINATOR})
@Tag(name = "Cases")
public class ExportResource {

    /** Cases read, audited and written per transaction. */
    private static final int PAGE = 1000;

    private final CaseExport export;
    private final ObjectWriter lines;

    public ExportResource(CaseExport export, ObjectMapper objectMapper) {
        this.export = export;
        this.lines = objectMapper.writerFor(ExportLine.class);
    }

    @GET
    @Produces(ImportResource.NDJSON)
    @Operation(operationId = "exportCases", summary = "All of the organisation's cases as NDJSON, streamed", description = """
            Every case of your organisation, one per line, in the format importCases takes: `externalId` (the one \
            it was imported with, else its id), members, current country, planned route, needs and notes. Personal \
            data is there only for a protection officer; for anyone else it is left out, aliases kept. Each case \
            exported is recorded in its audit trail as read (and, for a protection officer, as \
            read-personal-data). Status, journey and risk are not exported: an import opens each case anew.""")
    @APIResponse(responseCode = "200", description = "The cases, one per line.",
            content = @Content(mediaType = ImportResource.NDJSON, schema = @Schema(type = SchemaType.STRING)))
    public StreamingOutput exportCases() {
        return output -> {
            OutputStream out = new BufferedOutputStream(output, 64 * 1024);
            String cursor = null;
            do {
                CaseExport.Exported page = export.page(cursor, PAGE);
                for (VisibleCase visible : page.cases().items()) {
                    out.write(lines.writeValueAsBytes(line(page.externalId(visible), CaseMapper.view(visible))));
                    out.write('\n');
                }
                cursor = page.cases().next();
            } while (cursor != null);
            out.flush();
        };
    }

    private static ExportLine line(String externalId, CaseView view) {
        return new ExportLine(externalId, view.members().stream().map(member -> new ExportLine.Member(member.alias(),
                member.sex(), member.ageBand(), member.vulnerabilities(), member.legalName(), member.dateOfBirth(),
                member.placeOfOrigin(), member.relatives(), member.contact())).toList(),
                view.currentCountry(), view.plannedRoute(), view.needs(), view.notes());
    }
}
