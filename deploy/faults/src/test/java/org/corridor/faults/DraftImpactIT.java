package org.corridor.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A draft's impact, read before publishing, is what publication then does: the whole system, two organisations with
 * cases in Laos, a draft that makes Laos critical. The editor's organisation sees its own moves exactly; the other
 * organisation's three cases are too few to show across organisations. After publication, the cases' risks move
 * exactly as the preview said.
 */
class DraftImpactIT {

    private static final String COUNTRY = "LA";
    private static final String OWN = "crossing-hope";
    private static final String OTHER = "open-road";
    private static final int OWN_CASES = 6;
    private static final int OTHER_CASES = 3;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);

    private static final LocalCorridor CORRIDOR = new LocalCorridor();
    private static Gateway gateway;

    @BeforeAll
    static void startCorridor() throws IOException {
        CORRIDOR.start();
        gateway = new Gateway(System.getProperty("corridor.gateway"), CORRIDOR.credentials());
    }

    @AfterAll
    static void stopCorridor() {
        CORRIDOR.stop();
    }

    @Test
    void theImpactPreviewIsWhatPublicationDoes() throws Exception {
        List<String> own = openCases(OWN, OWN_CASES);
        openCases(OTHER, OTHER_CASES);
        String editor = gateway.key(OWN, "policy-editor");
        String draftId = writeCriticalDraft(editor);
        Map<String, String> riskBefore = risks(own);

        JsonNode impact = gateway.ok(editor, "GET", "/api/v1/countries/" + COUNTRY + "/policy/drafts/" + draftId + "/impact", null);
        assertEquals(draftId, impact.get("draftId").asText());
        Map<String, Integer> predicted = new TreeMap<>();
        for (JsonNode change : impact.get("organisation").get("changes")) {
            predicted.put(change.get("from").asText() + "->" + change.get("to").asText(), change.get("cases").asInt());
        }
        assertEquals(Map.of(riskBefore.get(own.getFirst()) + "->critical", OWN_CASES), predicted,
                "the editor's organisation: every one of its cases in Laos becomes critical");
        JsonNode across = impact.get("allOrganisations");
        assertEquals(5, across.get("k").asInt());
        assertEquals(1, across.get("changes").size());
        assertEquals(true, across.get("changes").get(0).get("suppressed").asBoolean(),
                "9 cases, of which only 3 of another organisation: withheld, else 9 - 6 = 3 would show");
        assertEquals(true, across.get("changes").get(0).get("cases").isNull());

        gateway.ok(gateway.key(OWN, "policy-approver"), "POST",
                "/api/v1/countries/" + COUNTRY + "/policy/drafts/" + draftId + "/publish", null);
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        Map<String, Integer> happened;
        do {
            Gateway.pause(Duration.ofMillis(500));
            happened = moves(riskBefore, risks(own));
        } while (!happened.equals(predicted) && System.nanoTime() < deadline);
        assertEquals(predicted, happened, "what publication did to the organisation's cases");
    }

    private static List<String> openCases(String organisation, int count) throws IOException {
        String caseworker = gateway.key(organisation, "caseworker");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode member = Gateway.object().put("alias", "Impact-" + organisation + "-" + i)
                    .put("sex", "male").put("ageBand", "18-59");
            ObjectNode body = Gateway.object();
            body.set("members", Gateway.JSON.createArrayNode().add(member));
            body.put("currentCountry", COUNTRY);
            body.putArray("plannedRoute").add(COUNTRY).add("TH").add("KR");
            ids.add(gateway.created(caseworker, "/api/v1/cases", body).get("id").asText());
        }
        return ids;
    }

    /** Laos's policy in force now, valid from today and critical. */
    private static String writeCriticalDraft(String editor) throws IOException {
        ObjectNode draft = (ObjectNode) gateway.ok(editor, "GET", "/api/v1/countries/" + COUNTRY + "/policy", null).deepCopy();
        draft.remove(List.of("id", "country", "recordedAt", "validTo"));
        draft.put("validFrom", LocalDate.now(ZoneOffset.UTC).toString());
        draft.put("riskLevel", "critical");
        draft.put("summary", "Impact test: Laos returns everyone it stops to China.");
        return gateway.created(editor, "/api/v1/countries/" + COUNTRY + "/policy/drafts", draft).get("id").asText();
    }

    private static Map<String, String> risks(List<String> cases) throws IOException {
        String caseworker = gateway.key(OWN, "caseworker");
        Map<String, String> risks = new HashMap<>();
        for (String id : cases) {
            risks.put(id, gateway.ok(caseworker, "GET", "/api/v1/cases/" + id, null).get("risk").get("level").asText());
        }
        return risks;
    }

    private static Map<String, Integer> moves(Map<String, String> before, Map<String, String> after) {
        Map<String, Integer> moves = new TreeMap<>();
        before.forEach((id, from) -> {
            if (!from.equals(after.get(id))) {
                moves.merge(from + "->" + after.get(id), 1, Integer::sum);
            }
        });
        return moves;
    }
}
