package org.corridor.platform.country;

import org.corridor.platform.problem.ProblemException;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes, as every Corridor API takes them. */
public final class CountryCodes {

    private static final Set<String> ISO_CODES = Set.of(Locale.getISOCountries());

    private CountryCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && ISO_CODES.contains(code);
    }

    /** The code in upper case, or a 400 problem naming {@code field} when it is not an ISO 3166-1 alpha-2 code. */
    public static String require(String field, String code) {
        String normalised = code == null ? null : code.toUpperCase(Locale.ROOT);
        if (!isValid(normalised)) {
            throw ProblemException.invalidField(field, "is not an ISO 3166-1 alpha-2 country code");
        }
        return normalised;
    }

    public static String name(String code) {
        return Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
    }
}
