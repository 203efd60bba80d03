package io.slipway.cloudformation.template;

import java.util.List;

/**
 * A template as given ({@code original}, what GetTemplate's Original stage answers) and as it runs
 * ({@code body}, the Processed stage: transforms applied, written as JSON). Without transforms the two
 * are the same text.
 *
 * @param transforms the declared transforms (the Transform section), in order
 */
public record ProcessedTemplate(String original, String body, List<String> transforms) {

    public ProcessedTemplate {
        transforms = List.copyOf(transforms);
    }

    public static ProcessedTemplate unchanged(String body) {
        return new ProcessedTemplate(body, body, List.of());
    }

    /** Whether any transform ran: top-level ones or an {@code Fn::Transform} inside. */
    public boolean transformed() {
        return !original.equals(body);
    }
}
