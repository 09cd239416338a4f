package org.corridor.platform.json;

import org.corridor.platform.problem.ProblemException;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Query parameters read strictly: a value that does not parse is a 400 problem naming the parameter, never ignored. */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static <E extends Enum<E>> Optional<E> enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(KebabCaseEnums.fromCode(type, value).orElseThrow(() ->
                ProblemException.invalidField(name, "is not one of " + KebabCaseEnums.allowedCodes(type))));
    }

    public static Optional<LocalDate> date(String name, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "is not a date of the form YYYY-MM-DD");
        }
    }

    public static Optional<OffsetDateTime> instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDate.parse(value).atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                throw ProblemException.invalidField(name, "is not a date (YYYY-MM-DD) or a time (ISO 8601 with offset)");
            }
        }
    }
}
