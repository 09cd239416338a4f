package org.corridor.cases.imports.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.corridor.cases.domain.Need;
import org.corridor.cases.rest.MemberInput;
import org.corridor.platform.cases.AgeBand;
import org.corridor.platform.cases.Sex;
import org.corridor.platform.policy.Vulnerability;

import java.util.List;
import java.util.Set;

/**
 * A case as an export line: what an import line takes, so a file exported from one organisation imports into another.
 * Fields withheld from the caller are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportLine(String externalId, List<Member> members, String currentCountry, List<String> plannedRoute,
                         List<Need> needs, String notes) {

    /** A member as {@link MemberInput} takes it, without the id, which is the exporting installation's own. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(String alias, Sex sex, AgeBand ageBand, Set<Vulnerability> vulnerabilities, String legalName,
                         String dateOfBirth, String placeOfOrigin, String relatives, String contact) {
    }
}
