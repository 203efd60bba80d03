package io.slipway.model.runtime;

import java.util.Map;

/** A generated structure record, convertible to the codecs' document tree. */
public interface AwsStructure {
    Map<String, Object> toDocument();
}
