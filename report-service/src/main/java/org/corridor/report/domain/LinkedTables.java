package org.corridor.report.domain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One statistic's tables in every scope, protected as one: organisation is a hidden dimension of the statistic, whose
 * total is the table of all organisations. A figure of all organisations is the sum of the organisations' figures in
 * the same cell, so a reader holding an analyst key and a coordinator key, or the keys of several organisations, can
 * subtract one table from another; protecting every scope's table together, with those sums, means that no combination
 * of the scopes' published tables works out a figure that any of them withholds.
 *
 * <p>An organisation knows its own figures whatever its report withholds (it can count its cases), so each
 * organisation is also checked as a reader who knows them: all organisations' figures less its own must not work out
 * another organisation's withheld figure either. Where a figure of all organisations and an organisation's figure are
 * both candidates to withhold beside a withheld one, the figure of all organisations goes.
 */
public record LinkedTables(Statistic statistic, Map<Scope, TallyTable> tables) {

    public LinkedTables {
        tables = Map.copyOf(tables);
        tables.values().forEach(table -> {
            if (table.statistic() != statistic) {
                throw new IllegalArgumentException("linked tables count one statistic");
            }
        });
    }

    /** Each scope's table after disclosure control. */
    public Map<Scope, TallyTable.Published> protect(DisclosureControl control) {
        var figures = new LinkedFigures();
        Map<Scope, Map<TallyTable.Cell, Integer>> indexes = new LinkedHashMap<>();
        tables.keySet().stream().sorted(Comparator.comparing(Scope::key)).forEach(scope ->
                indexes.put(scope, tables.get(scope).addTo(figures, scope.equals(Scope.ALL) ? 1 : 0)));
        Map<TallyTable.Cell, Integer> all = indexes.get(Scope.ALL);
        if (all != null) {
            Map<TallyTable.Cell, List<Integer>> partsAcrossOrganisations = new HashMap<>();
            indexes.forEach((scope, index) -> {
                if (!scope.equals(Scope.ALL)) {
                    index.forEach((cell, figure) -> partsAcrossOrganisations.computeIfAbsent(cell, total -> new ArrayList<>()).add(figure));
                }
            });
            partsAcrossOrganisations.forEach((cell, parts) -> {
                Integer total = all.get(cell);
                if (total == null) {
                    throw new IllegalStateException("the tallies of all organisations lack a figure of " + statistic);
                }
                figures.sum(total, parts);
            });
        }
        List<BitSet> organisations = new ArrayList<>();
        indexes.forEach((scope, index) -> {
            if (!scope.equals(Scope.ALL)) {
                var own = new BitSet();
                index.values().forEach(own::set);
                organisations.add(own);
            }
        });
        BitSet withheld = control.protect(figures, organisations);
        Map<Scope, TallyTable.Published> published = new HashMap<>();
        indexes.forEach((scope, index) -> published.put(scope, tables.get(scope).published(index, withheld)));
        return published;
    }
}
