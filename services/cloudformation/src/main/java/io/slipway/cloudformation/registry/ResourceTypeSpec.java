package io.slipway.cloudformation.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One registry resource type as the resource specification describes it.
 *
 * @param attributes        what {@code Fn::GetAtt} can read, with their types
 * @param primaryIdentifier the properties or attributes that identify a resource of the type
 * @param refIdentifier     what {@code Ref} answers where the specification says so (else the primary identifier)
 * @param arnTemplate       {@code arn:${Partition}:sns:${Region}:${Account}:${TopicName}}, where known
 * @param tagProperty       the property that holds the resource's tags, where it has one
 */
public record ResourceTypeSpec(String typeName, Map<String, PropertySpec> properties, Map<String, ValueType> attributes,
                               List<String> primaryIdentifier, List<String> refIdentifier,
                               Optional<String> arnTemplate, Optional<String> tagProperty) {
}
