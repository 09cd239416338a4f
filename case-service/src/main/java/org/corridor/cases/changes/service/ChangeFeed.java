package org.corridor.cases.changes.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.changes.domain.CaseChange;
import org.corridor.cases.changes.domain.Change;
import org.corridor.cases.changes.domain.ChangeType;
import org.corridor.cases.changes.repository.CaseChangeRepository;
import org.corridor.cases.service.Paging;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Caller;

import java.util.List;
import java.util.Set;

/**
 * Each organisation's feed of what changed in its cases: written with every change, read in the order the sequencer
 * gave, never personal data (so reading it is not a read of any case's).
 */
@ApplicationScoped
public class ChangeFeed {

    private final CaseChangeRepository changes;
    private final Caller caller;

    public ChangeFeed(CaseChangeRepository changes, Caller caller) {
        this.changes = changes;
        this.caller = caller;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(List<Change> recorded) {
        changes.insert(recorded);
    }

    /**
     * The caller's organisation's changes after the cursor. The next cursor is there even on an empty page: it stands
     * where this page ended, so a reader polls with it and gets only what is new.
     */
    @Transactional
    public Page<CaseChange> after(String cursor, Set<ChangeType> types, int limit) {
        long after = Paging.position(cursor);
        List<CaseChange> page = changes.after(caller.organisation(), after, types, limit);
        long end = page.isEmpty() ? after : page.getLast().position();
        return new Page<>(page, Page.cursor(Long.toString(end)));
    }
}
