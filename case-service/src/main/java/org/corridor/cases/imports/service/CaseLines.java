package org.corridor.cases.imports.service;

import org.corridor.cases.domain.CaseDescription;
import org.corridor.platform.problem.Problem;

/** Reads one line of an import into the case it describes, in the format the API takes. */
public interface CaseLines {

    /** The case of a line, or the problem with it: a problem names fields and rules, never the line's content. */
    Line read(String line);

    /** A line's case with the organisation's own id of it, or, when {@code problem} is set, neither. */
    record Line(String externalId, CaseDescription description, Problem problem) {

        public static Line of(String externalId, CaseDescription description) {
            return new Line(externalId, description, null);
        }

        public static Line rejected(Problem problem) {
            return new Line(null, null, problem);
        }
    }
}
