package org.corridor.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AnsweredFieldsRequiredTest {

    private static Schema object(String... properties) {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
        for (String property : properties) {
            schema.addProperty(property, OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        }
        return schema;
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref("#/components/schemas/" + name);
    }

    private static OpenAPI contract() {
        Schema caseView = object("id", "notes")
                .addProperty("members", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(ref("Member")))
                .addProperty("risk", OASFactory.createSchema().anyOf(List.of(ref("Risk"),
                        OASFactory.createSchema().addType(Schema.SchemaType.NULL))))
                .addProperty("needs", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(ref("Need")));
        Schema caseRequest = object("notes")
                .addProperty("needs", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(ref("Need")));
        var json = "application/json";
        return OASFactory.createOpenAPI()
                .components(OASFactory.createComponents()
                        .addSchema("CaseView", caseView)
                        .addSchema("Member", object("alias", "legalName"))
                        .addSchema("Risk", object("level"))
                        .addSchema("Need", object("kind", "state"))
                        .addSchema("CaseRequest", caseRequest)
                        .addSchema("Subscription", object("id", "secret").required(List.of("id"))))
                .paths(OASFactory.createPaths()
                        .addPathItem("/cases", OASFactory.createPathItem().POST(OASFactory.createOperation()
                                .requestBody(OASFactory.createRequestBody().content(OASFactory.createContent()
                                        .addMediaType(json, OASFactory.createMediaType().schema(ref("CaseRequest")))))
                                .responses(OASFactory.createAPIResponses().addAPIResponse("201",
                                        OASFactory.createAPIResponse().content(OASFactory.createContent()
                                                .addMediaType(json, OASFactory.createMediaType().schema(ref("CaseView"))))))))
                        .addPathItem("/subscriptions", OASFactory.createPathItem().GET(OASFactory.createOperation()
                                .responses(OASFactory.createAPIResponses().addAPIResponse("200",
                                        OASFactory.createAPIResponse().content(OASFactory.createContent()
                                                .addMediaType(json, OASFactory.createMediaType().schema(ref("Subscription")))))))));
    }

    @Test
    void everyFieldOfWhatOnlyAnswersCarryIsRequiredThroughReferencesListsAndNullableOnes() {
        OpenAPI contract = contract();
        new AnsweredFieldsRequired().filterOpenAPI(contract);
        var schemas = contract.getComponents().getSchemas();
        assertEquals(List.of("id", "notes", "members", "risk", "needs"), schemas.get("CaseView").getRequired());
        assertEquals(List.of("alias", "legalName"), schemas.get("Member").getRequired());
        assertEquals(List.of("level"), schemas.get("Risk").getRequired());
    }

    @Test
    void whatRequestsUseAndWhatNamesItsOwnRequiredFieldsIsLeftAsItIs() {
        OpenAPI contract = contract();
        new AnsweredFieldsRequired().filterOpenAPI(contract);
        var schemas = contract.getComponents().getSchemas();
        assertNull(schemas.get("CaseRequest").getRequired());
        assertNull(schemas.get("Need").getRequired(), "a request carries it too");
        assertEquals(List.of("id"), schemas.get("Subscription").getRequired());
    }
}
