package org.corridor.platform.cases;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** UNHCR's age brackets. */
@Schema(enumeration = {"0-4", "5-11", "12-17", "18-59", "60+"})
public enum AgeBand {
    @JsonProperty("0-4") AGE_0_4,
    @JsonProperty("5-11") AGE_5_11,
    @JsonProperty("12-17") AGE_12_17,
    @JsonProperty("18-59") AGE_18_59,
    @JsonProperty("60+") AGE_60_PLUS
}
