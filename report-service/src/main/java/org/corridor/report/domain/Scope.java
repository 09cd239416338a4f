package org.corridor.report.domain;

import java.util.Objects;

/** Whose figures: one organisation's, or all organisations' together ({@code organisation} null). */
public record Scope(String organisation) {

    public static final Scope ALL = new Scope(null);

    public static Scope of(String organisation) {
        return new Scope(Objects.requireNonNull(organisation, "organisation"));
    }

    /** How the tallies key this scope; an organisation's key never equals the key of all, whatever its name. */
    public String key() {
        return organisation == null ? "all" : "org:" + organisation;
    }
}
