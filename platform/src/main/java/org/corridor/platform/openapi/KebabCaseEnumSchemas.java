package org.corridor.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.List;
import java.util.Locale;

/** Documents enums as they travel (see {@code KebabCaseEnums}): {@code NOT_RECOGNISED} becomes {@code not-recognised}. */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class KebabCaseEnumSchemas implements OASFilter {

    @Override
    public Schema filterSchema(Schema schema) {
        List<Object> values = schema.getEnumeration();
        if (values != null && values.stream().allMatch(value -> value instanceof String s && s.matches("[A-Z0-9_]+"))) {
            schema.setEnumeration(values.stream()
                    .map(value -> (Object) ((String) value).toLowerCase(Locale.ROOT).replace('_', '-'))
                    .toList());
        }
        return schema;
    }
}
