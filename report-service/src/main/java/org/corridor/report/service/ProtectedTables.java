package org.corridor.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.report.domain.DisclosureControl;
import org.corridor.report.domain.Scope;
import org.corridor.report.domain.Statistic;
import org.corridor.report.domain.TallyTable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last protected version of each statistic's table in each scope. Protecting a large sparse table costs more than
 * reading its tallies, and most reads find them unchanged since the last one, so the result is kept until they change.
 */
@ApplicationScoped
public class ProtectedTables {

    private static final int CAPACITY = 512;

    private final DisclosureControl control;
    private final Map<Key, Protected> latest = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Protected> eldest) {
            return size() > CAPACITY;
        }
    });

    public ProtectedTables(DisclosureControl control) {
        this.control = control;
    }

    public TallyTable.Published protect(Scope scope, TallyTable table) {
        Key key = new Key(table.statistic(), scope);
        Protected known = latest.get(key);
        if (known != null && known.table().equals(table)) {
            return known.published();
        }
        TallyTable.Published published = table.protect(control);
        latest.put(key, new Protected(table, published));
        return published;
    }

    private record Key(Statistic statistic, Scope scope) {
    }

    private record Protected(TallyTable table, TallyTable.Published published) {
    }
}
