package org.corridor.policy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One country's policy over two time axes: when a version applies (valid time) and when Corridor recorded it. On any
 * day the version in force is the latest-recorded one whose validity covers that day, so a later publication
 * supersedes earlier ones from its {@code validFrom} without anything being rewritten.
 */
public final class PolicyTimeline {

    private static final Comparator<PolicyVersion> BY_RECORDING =
            Comparator.comparing((PolicyVersion v) -> v.recordedAt).thenComparing(v -> v.id);

    private final List<PolicyVersion> versions;

    public PolicyTimeline(List<PolicyVersion> versions) {
        this.versions = List.copyOf(versions);
    }

    /** The version in force on {@code day} as Corridor knew it at {@code knownAt}, with the day it stopped applying. */
    public Optional<InForce> inForce(LocalDate day, Instant knownAt) {
        List<PolicyVersion> known = versions.stream().filter(v -> !v.recordedAt.isAfter(knownAt)).toList();
        return known.stream()
                .filter(v -> v.period().contains(day))
                .max(BY_RECORDING)
                .map(winner -> new InForce(winner, effectiveEnd(winner, day, known)));
    }

    /** Every version ever published, newest validity first, then newest recording first. */
    public List<PolicyVersion> history() {
        return versions.stream()
                .sorted(Comparator.comparing((PolicyVersion v) -> v.validFrom).thenComparing(BY_RECORDING).reversed())
                .toList();
    }

    /** The winner stops applying at its own end or where a later-recorded version takes over, whichever comes first. */
    private static LocalDate effectiveEnd(PolicyVersion winner, LocalDate day, List<PolicyVersion> known) {
        LocalDate end = winner.validTo;
        for (PolicyVersion later : known) {
            boolean recordedLater = BY_RECORDING.compare(later, winner) > 0;
            if (recordedLater && later.validFrom.isAfter(day) && (end == null || later.validFrom.isBefore(end))) {
                end = later.validFrom;
            }
        }
        return end;
    }

    public record InForce(PolicyVersion version, LocalDate validTo) {
    }
}
