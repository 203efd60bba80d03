package io.slipway.ssm.parameter;

import io.slipway.core.codec.DocumentType;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;
import io.slipway.model.ssm.ParameterHistory;
import io.slipway.model.ssm.SsmModel;
import io.slipway.model.ssm.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A parameter as stored under its key: its latest version, the labels of all its versions (label
 * to version: a label sits on one version at a time), its tags, and the oldest version still
 * kept. Every change to a parameter replaces this document, so changes to one parameter take
 * turns; each version is also stored on its own ({@link #VERSION}), never changed once written.
 *
 * @param latest the latest version, without labels
 */
record StoredParameter(ParameterHistory latest, Map<String, Long> labels, List<Tag> tags, long oldest)
        implements AwsStructure {

    private static final Shape SHAPE = new Shape("StoredParameter", ShapeType.STRUCTURE)
            .member(Member.of("latest", SsmModel.MODEL.shape("ParameterHistory")))
            .member(Member.of("labels", new Shape("LabelVersions", ShapeType.MAP)
                    .mapEntry(Member.of("key", new Shape("Label", ShapeType.STRING)),
                            Member.of("value", new Shape("Version", ShapeType.LONG)))))
            .member(Member.of("tags", SsmModel.MODEL.shape("TagList")))
            .member(Member.of("oldest", new Shape("Version", ShapeType.LONG)));

    /** Parameters by key, under the path they sit in ({@link ParameterNames#parent}). */
    static final DocumentType<StoredParameter> TYPE = new DocumentType<>("ssm.parameter", SHAPE,
            StoredParameter::fromDocument);
    /** Every kept version, keyed {@code key:version} (zero-padded, so ids sort by version) under the key. */
    static final DocumentType<ParameterHistory> VERSION = new DocumentType<>("ssm.parameter-version",
            SsmModel.MODEL.shape("ParameterHistory"), ParameterHistory::fromDocument);

    StoredParameter {
        labels = Map.copyOf(labels);
        tags = List.copyOf(tags);
    }

    String name() {
        return latest.name();
    }

    long version() {
        return latest.version();
    }

    static String versionKey(String key, long version) {
        return key + ":" + String.format("%010d", version);
    }

    /** The labels on one version, in name order. */
    List<String> labelsOf(long version) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(labels).forEach((label, v) -> {
            if (v == version) {
                out.add(label);
            }
        });
        return out;
    }

    StoredParameter withLatest(ParameterHistory next, long newOldest) {
        return new StoredParameter(next, labels, tags, newOldest);
    }

    StoredParameter withLabels(Map<String, Long> next) {
        return new StoredParameter(latest, next, tags, oldest);
    }

    StoredParameter withTags(List<Tag> next) {
        return new StoredParameter(latest, labels, next, oldest);
    }

    static StoredParameter fromDocument(Map<String, Object> d) {
        Map<String, Long> labels = Documents.toMap(d.get("labels"), Documents::toLong);
        List<Tag> tags = Documents.toList(d.get("tags"), t -> Tag.fromDocument(Documents.asMap(t)));
        return new StoredParameter(Documents.toStructure(d.get("latest"), ParameterHistory::fromDocument),
                labels == null ? Map.of() : labels, tags == null ? List.of() : tags,
                Objects.requireNonNullElse(Documents.toLong(d.get("oldest")), 1L));
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>(8);
        Documents.put(d, "latest", Documents.fromStructure(latest));
        Documents.put(d, "labels", Documents.fromMap(labels, v -> v));
        Documents.put(d, "tags", Documents.fromList(tags, Documents::fromStructure));
        Documents.put(d, "oldest", oldest);
        return d;
    }
}
