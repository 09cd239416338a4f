package org.corridor.platform.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every enum travels in kebab-case ({@code NOT_RECOGNISED} is {@code "not-recognised"}, {@code AGE_60_PLUS} with a
 * {@code @JsonProperty} keeps its own name), and an unknown value is a 400 naming the allowed ones, never a default.
 */
@Singleton
public class KebabCaseEnums implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper objectMapper) {
        var module = new SimpleModule("corridor-kebab-case-enums");
        module.addSerializer(Enum.class, new EnumSerializer());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description, JsonDeserializer<?> deserializer) {
                return new EnumDeserializer(type.getRawClass());
            }
        });
        objectMapper.registerModule(module);
    }

    /** The wire name of an enum constant. */
    public static String code(Enum<?> value) {
        try {
            var property = value.getDeclaringClass().getField(value.name())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            if (property != null) {
                return property.value();
            }
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant with this wire name, if any. */
    public static <E extends Enum<E>> Optional<E> fromCode(Class<E> type, String code) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> code(constant).equals(code)).findFirst();
    }

    public static String allowedCodes(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(constant -> code((Enum<?>) constant))
                .collect(Collectors.joining(", "));
    }

    @SuppressWarnings("rawtypes")
    private static final class EnumSerializer extends StdSerializer<Enum> {
        EnumSerializer() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(code(value));
        }
    }

    private static final class EnumDeserializer extends JsonDeserializer<Object> {
        private final Class<?> type;

        EnumDeserializer(Class<?> type) {
            this.type = type;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return context.handleUnexpectedToken(type, parser);
            }
            String text = parser.getText();
            Optional<?> constant = fromCode((Class) type, text);
            if (constant.isPresent()) {
                return constant.get();
            }
            return context.handleWeirdStringValue(type, text, "not one of " + allowedCodes(type));
        }
    }
}
