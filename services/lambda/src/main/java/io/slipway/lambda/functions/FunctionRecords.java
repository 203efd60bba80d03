package io.slipway.lambda.functions;

import io.slipway.core.codec.DocumentType;
import io.slipway.model.lambda.AliasConfiguration;
import io.slipway.model.lambda.FunctionConfiguration;
import io.slipway.model.lambda.LambdaModel;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How Lambda's resources are stored: a function's $LATEST configuration by name, each published
 * version under {@code name/000000000001} (zero-padded so versions list in numeric order), each
 * alias under {@code name/alias}, and a function's version counter, which never goes back even
 * when versions are deleted, as in AWS.
 */
final class FunctionRecords {
    static final DocumentType<FunctionConfiguration> FUNCTION = new DocumentType<>("lambda.function",
            LambdaModel.MODEL.shape("FunctionConfiguration"), FunctionConfiguration::fromDocument);
    static final DocumentType<FunctionConfiguration> VERSION = new DocumentType<>("lambda.version",
            LambdaModel.MODEL.shape("FunctionConfiguration"), FunctionConfiguration::fromDocument);
    static final DocumentType<AliasConfiguration> ALIAS = new DocumentType<>("lambda.alias",
            LambdaModel.MODEL.shape("AliasConfiguration"), AliasConfiguration::fromDocument);
    static final DocumentType<VersionCounter> COUNTER = new DocumentType<>("lambda.version-counter",
            new Shape("VersionCounter", ShapeType.STRUCTURE).member(Member.of("last", new Shape("Long", ShapeType.LONG))),
            d -> new VersionCounter(((Number) d.get("last")).longValue()));

    private FunctionRecords() {
    }

    static String versionKey(String function, long version) {
        return function + "/" + String.format("%012d", version);
    }

    static String aliasKey(String function, String alias) {
        return function + "/" + alias;
    }

    record VersionCounter(long last) implements AwsStructure {
        @Override
        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("last", last);
            return d;
        }
    }
}
