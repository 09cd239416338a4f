package org.corridor.cases.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * A signed checkpoint of every case's audit chain head. What is signed (the statement) is text that an auditor can
 * check without Corridor: a line {@code corridor-audit-checkpoint/1}, a line {@code made-at <instant>}, a line
 * {@code key <key id>}, then per organisation in name order {@code organisation <name> <digest>}, each line ending in
 * a line feed. An organisation's digest is the SHA-256 (hex) of a line {@code <case id> <entries> <head hash>} per
 * case it owned, in case id order, each ending in a line feed; so an organisation's auditor checks its own cases'
 * heads without seeing another organisation's.
 */
public record AuditCheckpoint(long id, Instant madeAt, String keyId, String statement, String signature) {

    public static String statement(Instant madeAt, String keyId, List<ChainHead> heads) {
        Map<String, List<ChainHead>> byOrganisation = heads.stream()
                .collect(Collectors.groupingBy(ChainHead::organisation, TreeMap::new, Collectors.toList()));
        StringBuilder statement = new StringBuilder("corridor-audit-checkpoint/1\n")
                .append("made-at ").append(madeAt).append('\n')
                .append("key ").append(keyId).append('\n');
        byOrganisation.forEach((organisation, owned) ->
                statement.append("organisation ").append(organisation).append(' ').append(digest(owned)).append('\n'));
        return statement.toString();
    }

    /**
     * Whether {@code owned} are the heads this checkpoint's statement signed for {@code organisation}: its line's digest
     * is theirs. No heads match a statement without a line for the organisation.
     */
    public boolean signedFor(String organisation, List<ChainHead> owned) {
        String line = "organisation " + organisation + ' ';
        return statement.lines().filter(candidate -> candidate.startsWith(line))
                .map(candidate -> candidate.substring(line.length()))
                .findFirst()
                .map(signedDigest -> signedDigest.equals(digest(owned)))
                .orElse(owned.isEmpty());
    }

    static String digest(List<ChainHead> heads) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            heads.stream().sorted(Comparator.comparing(head -> head.caseId().toString())).forEach(head ->
                    digest.update((head.caseId() + " " + head.entries() + " " + head.head() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
