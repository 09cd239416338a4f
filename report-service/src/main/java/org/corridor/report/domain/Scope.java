package org.corridor.report.domain;

import java.util.Objects;

/** Whose figures: one organisation's, or all organisations' together ({@code organisation} null). */
public record Scope(String organisation) {

    public static final Scope ALL = new Scope(null);
    private static final String ORGANISATION_PREFIX = "org:";

    public static Scope of(String organisation) {
        return new Scope(Objects.requireNonNull(organisation, "organisation"));
    }

    /** The scope that the tallies key as {@code key}. */
    public static Scope ofKey(String key) {
        if (key.equals(ALL.key())) {
            return ALL;
        }
        if (!key.startsWith(ORGANISATION_PREFIX)) {
            throw new IllegalArgumentException("not the key of a scope");
        }
        return of(key.substring(ORGANISATION_PREFIX.length()));
    }

    /** How the tallies key this scope; an organisation's key never equals the key of all, whatever its name. */
    public String key() {
        return organisation == null ? "all" : ORGANISATION_PREFIX + organisation;
    }
}
