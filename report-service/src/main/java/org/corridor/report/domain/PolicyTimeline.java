package org.corridor.report.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Which policy version was in force in a country over time, as Corridor knows it now: on any day, the latest-recorded
 * version whose validity covers it. A later publication thus supersedes earlier ones from its {@code validFrom}.
 */
public final class PolicyTimeline {

    private static final Comparator<PolicyVersion> BY_RECORDING =
            Comparator.comparing(PolicyVersion::recordedAt).thenComparing(PolicyVersion::id);

    private PolicyTimeline() {
    }

    /** The stretches of time one version was in force in one country's history, oldest first. */
    public static List<Stretch> of(List<PolicyVersion> versions) {
        var changes = new TreeSet<LocalDate>();
        versions.forEach(version -> {
            changes.add(version.validFrom());
            if (version.validTo() != null) {
                changes.add(version.validTo());
            }
        });
        List<LocalDate> days = List.copyOf(changes);
        List<Stretch> stretches = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            LocalDate from = days.get(i);
            LocalDate to = i + 1 < days.size() ? days.get(i + 1) : null;
            versions.stream().filter(version -> covers(version, from)).max(BY_RECORDING).ifPresent(version -> {
                Stretch last = stretches.isEmpty() ? null : stretches.getLast();
                if (last != null && last.version().equals(version) && from.equals(last.to())) {
                    stretches.set(stretches.size() - 1, new Stretch(last.from(), to, version));
                } else {
                    stretches.add(new Stretch(from, to, version));
                }
            });
        }
        return stretches;
    }

    private static boolean covers(PolicyVersion version, LocalDate day) {
        return !day.isBefore(version.validFrom()) && (version.validTo() == null || day.isBefore(version.validTo()));
    }

    /** {@code version} was in force from {@code from} until {@code to} (exclusive; null while it still is). */
    public record Stretch(LocalDate from, LocalDate to, PolicyVersion version) {

        public boolean overlaps(LocalDate windowFrom, LocalDate windowTo) {
            return (windowTo == null || !from.isAfter(windowTo)) && (windowFrom == null || to == null || to.isAfter(windowFrom));
        }
    }
}
