package io.slipway.cloudformation.registry;

/**
 * One property of a resource or property type.
 *
 * @param replacement what changing it does to the resource
 */
public record PropertySpec(String name, ValueType type, boolean required, Replacement replacement) {

    /** The specification's replacement flag: none (in place), {@code yes}, or {@code maybe} (conditional). */
    public enum Replacement { NONE, ALWAYS, CONDITIONAL }
}
