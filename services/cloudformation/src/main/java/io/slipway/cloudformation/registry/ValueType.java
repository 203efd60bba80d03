package io.slipway.cloudformation.registry;

import java.util.List;

/** The type of a property's value as the resource specification states it. */
public sealed interface ValueType {

    /** Values that are not structures: strings, numbers, booleans, JSON documents, date-times, tags. */
    enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, JSON, DATE_TIME, TAG }

    record Scalar(Kind kind) implements ValueType {
    }

    record ArrayOf(ValueType element) implements ValueType {
    }

    /** A JSON object whose values all have the element type. */
    record MapOf(ValueType element) implements ValueType {
    }

    /** Any one of the types. */
    record AnyOf(List<ValueType> types) implements ValueType {
    }

    /** A named property type (a structure); filled after it is made, since structures may contain themselves. */
    final class Structure implements ValueType {
        private final String name;
        private java.util.Map<String, PropertySpec> properties = java.util.Map.of();

        Structure(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public java.util.Map<String, PropertySpec> properties() {
            return properties;
        }

        void fill(java.util.Map<String, PropertySpec> properties) {
            this.properties = properties;
        }

        @Override
        public String toString() {
            return "Structure[" + name + "]";
        }
    }
}
