package io.slipway.ssm.parameter;

import io.slipway.core.codec.DocumentType;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.Map;

/**
 * An empty document whose key is what matters: the rows that index parameters by the paths
 * above them (so a recursive listing is a range of one index, whatever the database's collation)
 * and the rows that count parameters by tier (so each tier's quota can be held with
 * {@code belowQuota}).
 */
record Marker() implements AwsStructure {
    private static final Shape SHAPE = new Shape("Marker", ShapeType.STRUCTURE);
    static final Marker INSTANCE = new Marker();
    private static final int MAX_DEPTH = ParameterNames.MAX_LEVELS;
    /** Index kinds by depth: a parameter under {@code /a/b} has a row of depth 1 under {@code /a} and of depth 2 under {@code /a/b}. */
    private static final DocumentType<?>[] UNDER = new DocumentType<?>[MAX_DEPTH];
    static final DocumentType<Marker> STANDARD = type("ssm.tier.standard");
    static final DocumentType<Marker> ADVANCED = type("ssm.tier.advanced");

    static {
        for (int depth = 1; depth < MAX_DEPTH; depth++) {
            UNDER[depth] = type("ssm.under." + depth);
        }
    }

    @SuppressWarnings("unchecked")
    static DocumentType<Marker> under(int depth) {
        return (DocumentType<Marker>) UNDER[depth];
    }

    private static DocumentType<Marker> type(String kind) {
        return new DocumentType<>(kind, SHAPE, d -> INSTANCE);
    }

    @Override
    public Map<String, Object> toDocument() {
        return Map.of();
    }
}
