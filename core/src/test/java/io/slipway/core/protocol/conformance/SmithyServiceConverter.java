package io.slipway.core.protocol.conformance;

import io.slipway.core.codec.Timestamps;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.ServiceModel;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;
import software.amazon.smithy.aws.traits.ServiceTrait;
import software.amazon.smithy.aws.traits.auth.SigV4Trait;
import software.amazon.smithy.aws.traits.protocols.AwsQueryErrorTrait;
import software.amazon.smithy.aws.traits.protocols.AwsQueryTrait;
import software.amazon.smithy.aws.traits.protocols.RestJson1Trait;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.shapes.EnumShape;
import software.amazon.smithy.model.shapes.IntEnumShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.traits.EnumTrait;
import software.amazon.smithy.model.traits.ErrorTrait;
import software.amazon.smithy.model.traits.HostLabelTrait;
import software.amazon.smithy.model.traits.HttpErrorTrait;
import software.amazon.smithy.model.traits.HttpHeaderTrait;
import software.amazon.smithy.model.traits.HttpLabelTrait;
import software.amazon.smithy.model.traits.HttpPayloadTrait;
import software.amazon.smithy.model.traits.HttpPrefixHeadersTrait;
import software.amazon.smithy.model.traits.HttpQueryParamsTrait;
import software.amazon.smithy.model.traits.HttpQueryTrait;
import software.amazon.smithy.model.traits.HttpResponseCodeTrait;
import software.amazon.smithy.model.traits.HttpTrait;
import software.amazon.smithy.model.traits.IdempotencyTokenTrait;
import software.amazon.smithy.model.traits.JsonNameTrait;
import software.amazon.smithy.model.traits.LengthTrait;
import software.amazon.smithy.model.traits.MediaTypeTrait;
import software.amazon.smithy.model.traits.PatternTrait;
import software.amazon.smithy.model.traits.RangeTrait;
import software.amazon.smithy.model.traits.RequiredTrait;
import software.amazon.smithy.model.traits.SensitiveTrait;
import software.amazon.smithy.model.traits.SparseTrait;
import software.amazon.smithy.model.traits.TimestampFormatTrait;
import software.amazon.smithy.model.traits.XmlAttributeTrait;
import software.amazon.smithy.model.traits.XmlFlattenedTrait;
import software.amazon.smithy.model.traits.XmlNameTrait;
import software.amazon.smithy.model.traits.XmlNamespaceTrait;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a Smithy service into Slipway's runtime shape graph, the way the generator turns a botocore
 * definition into one. Smithy keeps some traits on members where botocore keeps them on shapes:
 * xmlFlattened and xmlName stay on the member (see {@link Member#flattenedItemName()}); a member's
 * own length, range or pattern gets a copy of its target that carries them. HTTP binding traits
 * become botocore's {@code location}/{@code locationName} (httpQueryParams: a querystring map
 * without a name; a header string with a mediaType: botocore's {@code jsonvalue}).
 */
final class SmithyServiceConverter {
    private final Model model;
    private final ServiceShape service;
    private final boolean query;
    private final boolean restJson;
    private final Map<ShapeId, Shape> shapes = new HashMap<>();

    private SmithyServiceConverter(Model model, ServiceShape service) {
        this.model = model;
        this.service = service;
        this.query = service.hasTrait(AwsQueryTrait.class);
        this.restJson = service.hasTrait(RestJson1Trait.class);
    }

    static ServiceModel convert(Model model, ShapeId serviceId) {
        return new SmithyServiceConverter(model, model.expectShape(serviceId, ServiceShape.class)).serviceModel();
    }

    private ServiceModel serviceModel() {
        List<Operation> operations = new ArrayList<>();
        TopDownIndex.of(model).getContainedOperations(service).stream()
                .sorted(Comparator.comparing(OperationShape::getId))
                .forEach(op -> operations.add(operation(op)));
        Map<String, Shape> byName = new HashMap<>();
        shapes.values().forEach(s -> byName.put(s.name(), s));
        String name = service.getId().getName();
        return new ServiceModel(service.getTrait(ServiceTrait.class).map(ServiceTrait::getSdkId).orElse(name),
                query ? "query" : restJson ? "rest-json" : "json",
                // awsJson names an operation "{service shape name}.{operation name}" in X-Amz-Target
                query ? null : name,
                service.getVersion(),
                service.getTrait(SigV4Trait.class).map(SigV4Trait::getName).orElse(name.toLowerCase()),
                service.getTrait(XmlNamespaceTrait.class).map(XmlNamespaceTrait::getUri).orElse(null),
                operations, byName);
    }

    private Operation operation(OperationShape op) {
        List<Shape> errors = op.getErrors(service).stream().map(this::shape).toList();
        var http = op.getTrait(HttpTrait.class);
        return new Operation(op.getId().getName(service), op.getInput().map(this::shape).orElse(null),
                op.getOutput().map(this::shape).orElse(null), null, http.map(HttpTrait::getMethod).orElse("POST"),
                http.map(t -> t.getUri().toString()).orElse("/"), http.map(HttpTrait::getCode).orElse(200), errors, false);
    }

    private Shape shape(ShapeId id) {
        Shape known = shapes.get(id);
        if (known != null) {
            return known;
        }
        software.amazon.smithy.model.shapes.Shape s = model.expectShape(id);
        Shape out = new Shape(s.getId().getName(service), type(s));
        shapes.put(id, out); // before the members: shapes may refer to themselves
        constrain(out, s);
        s.getTrait(ErrorTrait.class).ifPresent(error -> out.error(error(s, error)));
        s.getTrait(TimestampFormatTrait.class).ifPresent(t -> out.timestampFormat(timestampFormat(t)));
        s.getTrait(XmlNameTrait.class).ifPresent(t -> out.xmlName(t.getValue()));
        s.getTrait(XmlNamespaceTrait.class).ifPresent(t -> out.xmlNamespace(t.getUri()));
        if (s.hasTrait(SparseTrait.class)) {
            out.sparse();
        }
        if (s.hasTrait(SensitiveTrait.class)) {
            out.sensitive();
        }
        if (s.isUnionShape()) {
            out.union();
        }
        Collection<MemberShape> members = s.members();
        switch (s.getType()) {
            case STRUCTURE, UNION -> members.forEach(m -> out.member(member(m)));
            case LIST, SET -> out.listMember(member(s.asListShape().orElseThrow().getMember()));
            case MAP -> {
                var map = s.asMapShape().orElseThrow();
                out.mapEntry(member(map.getKey()), member(map.getValue()));
            }
            default -> {
            }
        }
        return out;
    }

    private static ShapeType type(software.amazon.smithy.model.shapes.Shape s) {
        return switch (s.getType()) {
            case STRUCTURE, UNION -> ShapeType.STRUCTURE;
            case LIST, SET -> ShapeType.LIST;
            case MAP -> ShapeType.MAP;
            case STRING, ENUM -> ShapeType.STRING;
            case INTEGER, INT_ENUM -> ShapeType.INTEGER;
            case BLOB -> ShapeType.BLOB;
            case BOOLEAN -> ShapeType.BOOLEAN;
            case BYTE -> ShapeType.BYTE;
            case SHORT -> ShapeType.SHORT;
            case LONG -> ShapeType.LONG;
            case FLOAT -> ShapeType.FLOAT;
            case DOUBLE -> ShapeType.DOUBLE;
            case BIG_INTEGER -> ShapeType.BIG_INTEGER;
            case BIG_DECIMAL -> ShapeType.BIG_DECIMAL;
            case TIMESTAMP -> ShapeType.TIMESTAMP;
            case DOCUMENT -> ShapeType.DOCUMENT;
            default -> throw new IllegalArgumentException("Not a data shape: " + s.getId());
        };
    }

    /** length, range, pattern and enum values of a shape (or of a member, onto its own copy). */
    private static void constrain(Shape out, software.amazon.smithy.model.shapes.Shape s) {
        s.getTrait(LengthTrait.class).ifPresent(t -> out.length(t.getMin().orElse(null), t.getMax().orElse(null)));
        s.getTrait(RangeTrait.class).ifPresent(t -> out.range(
                t.getMin().map(BigDecimal::doubleValue).orElse(null), t.getMax().map(BigDecimal::doubleValue).orElse(null)));
        s.getTrait(PatternTrait.class).ifPresent(t -> out.pattern(t.getValue()));
        if (s instanceof EnumShape e) {
            out.enumValues(e.getEnumValues().values().toArray(String[]::new));
        } else if (s instanceof IntEnumShape e) {
            out.enumValues(e.getEnumValues().values().stream().map(String::valueOf).toArray(String[]::new));
        } else {
            s.getTrait(EnumTrait.class).ifPresent(t -> out.enumValues(t.getEnumDefinitionValues().toArray(String[]::new)));
        }
    }

    private Member member(MemberShape ms) {
        Member m = Member.of(ms.getMemberName(), target(ms));
        if (ms.hasTrait(RequiredTrait.class)) {
            m.required();
        }
        ms.getTrait(JsonNameTrait.class).ifPresent(t -> m.jsonName(t.getValue()));
        if (!restJson) {
            ms.getTrait(XmlNameTrait.class).ifPresent(t -> m.locationName(t.getValue()));
        }
        httpBinding(ms, m);
        ms.getTrait(XmlNamespaceTrait.class).ifPresent(t -> m.xmlNamespace(t.getUri(), t.getPrefix().orElse(null)));
        ms.getTrait(TimestampFormatTrait.class).ifPresent(t -> m.timestampFormat(timestampFormat(t)));
        if (ms.hasTrait(XmlFlattenedTrait.class)) {
            m.flattened();
        }
        if (ms.hasTrait(XmlAttributeTrait.class)) {
            m.xmlAttribute();
        }
        if (ms.hasTrait(IdempotencyTokenTrait.class)) {
            m.idempotencyToken();
        }
        if (ms.hasTrait(HostLabelTrait.class)) {
            m.hostLabel();
        }
        return m;
    }

    private void httpBinding(MemberShape ms, Member m) {
        ms.getTrait(HttpLabelTrait.class).ifPresent(t -> m.location("uri").locationName(ms.getMemberName()));
        ms.getTrait(HttpQueryTrait.class).ifPresent(t -> m.location("querystring").locationName(t.getValue()));
        ms.getTrait(HttpQueryParamsTrait.class).ifPresent(t -> m.location("querystring"));
        ms.getTrait(HttpPrefixHeadersTrait.class).ifPresent(t -> m.location("headers").locationName(t.getValue()));
        ms.getTrait(HttpResponseCodeTrait.class).ifPresent(t -> m.location("statusCode"));
        ms.getTrait(HttpPayloadTrait.class).ifPresent(t -> m.payload());
        ms.getTrait(HttpHeaderTrait.class).ifPresent(t -> {
            m.location("header").locationName(t.getValue());
            var target = model.expectShape(ms.getTarget());
            if (target.isStringShape() && target.hasTrait(MediaTypeTrait.class)) {
                m.jsonValue();
            }
        });
    }

    /** The member's target; a copy of it when the member adds constraints of its own (a Slipway Shape holds them). */
    private Shape target(MemberShape ms) {
        Shape target = shape(ms.getTarget());
        if (!ms.hasTrait(LengthTrait.class) && !ms.hasTrait(RangeTrait.class) && !ms.hasTrait(PatternTrait.class)) {
            return target;
        }
        if (target.type() == ShapeType.STRUCTURE || target.type() == ShapeType.LIST || target.type() == ShapeType.MAP) {
            throw new IllegalArgumentException("Member constraints on aggregates are not mapped: " + ms.getId());
        }
        Shape copy = new Shape(target.name(), target.type()).timestampFormat(target.timestampFormat())
                .length(target.minLength(), target.maxLength()).range(target.minValue(), target.maxValue())
                .pattern(target.pattern()).enumValues(target.enumValues().toArray(String[]::new));
        constrain(copy, ms);
        return copy;
    }

    private AwsError error(software.amazon.smithy.model.shapes.Shape s, ErrorTrait trait) {
        String name = s.getId().getName(service);
        int status = s.getTrait(HttpErrorTrait.class).map(HttpErrorTrait::getCode).orElse(trait.getDefaultHttpStatusCode());
        var queryError = query ? s.getTrait(AwsQueryErrorTrait.class) : java.util.Optional.<AwsQueryErrorTrait>empty();
        return new AwsError(name, queryError.map(AwsQueryErrorTrait::getCode).orElse(name),
                queryError.map(AwsQueryErrorTrait::getHttpResponseCode).orElse(status), trait.isClientError());
    }

    /** Smithy's format names to the botocore ones the codecs use. */
    private static String timestampFormat(TimestampFormatTrait t) {
        return switch (t.getValue()) {
            case TimestampFormatTrait.DATE_TIME -> Timestamps.ISO_8601;
            case TimestampFormatTrait.EPOCH_SECONDS -> Timestamps.EPOCH_SECONDS;
            case TimestampFormatTrait.HTTP_DATE -> Timestamps.HTTP_DATE;
            default -> throw new IllegalArgumentException("Unknown timestamp format " + t.getValue());
        };
    }
}
