package org.corridor.platform.json;

import org.corridor.platform.problem.ProblemException;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

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

    /** Comma-separated values of an enum ({@code open,in-transit}); none (empty) when the parameter is absent. */
    public static <E extends Enum<E>> Set<E> enumValues(String name, String values, Class<E> type) {
        Set<E> parsed = EnumSet.noneOf(type);
        if (values != null && !values.isEmpty()) {
            for (String value : values.split(",", -1)) {
                parsed.add(enumValue(name, value.strip(), type).orElseThrow(() ->
                        ProblemException.invalidField(name, "has an empty value; give values separated by commas")));
            }
        }
        return parsed;
    }

    /** {@code true} or {@code false}; false when the parameter is absent. */
    public static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalidField(name, "is neither true nor false");
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
