package org.corridor.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A producer's {@code asyncapi.yaml}, used to check the events it really publishes: a message's payload schema, with
 * its references to the document's component schemas, validates the whole CloudEvent.
 */
public final class AsyncApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;

    private AsyncApiContract(JsonNode document) {
        this.document = document;
    }

    public static AsyncApiContract load(Path asyncApiYaml) throws IOException {
        return new AsyncApiContract(new YAMLMapper().readTree(asyncApiYaml.toFile()));
    }

    /** The violations of {@code cloudEvent} against the message's payload schema; empty when it conforms. */
    public List<String> violations(String messageName, byte[] cloudEvent) throws IOException {
        JsonNode payload = document.at("/components/messages/" + messageName + "/payload");
        if (payload.isMissingNode()) {
            throw new IllegalArgumentException("asyncapi.yaml has no message " + messageName);
        }
        ObjectNode schema = (ObjectNode) JSON.readTree(
                JSON.writeValueAsString(payload).replace("#/components/schemas/", "#/$defs/"));
        schema.set("$defs", JSON.readTree(
                JSON.writeValueAsString(document.at("/components/schemas")).replace("#/components/schemas/", "#/$defs/")));
        Set<ValidationMessage> messages = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema).validate(JSON.readTree(cloudEvent));
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    public String messageType(String messageName) {
        return document.at("/components/messages/" + messageName + "/name").asText();
    }
}
