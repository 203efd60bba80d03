package io.slipway.cloudformation.template;

import java.util.Optional;

/**
 * One declared stack output, raw: its value and export name are evaluated only after the stack's
 * resources exist.
 *
 * @param exportName the raw Export.Name value, empty when the output is not exported
 */
public record Output(String name, Object value, Optional<String> description, Optional<Object> exportName,
                     Optional<String> condition) {
}
