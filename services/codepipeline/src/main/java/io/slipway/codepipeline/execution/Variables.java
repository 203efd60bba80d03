package io.slipway.codepipeline.execution;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code #{namespace.key}} references in an action's configuration just before it starts
 * (AWS-BEHAVIOUR.md B.2): output variables of earlier actions, {@code #{codepipeline.PipelineExecutionId}},
 * and a V2 pipeline's {@code #{variables.name}}. Names are case-sensitive.
 */
final class Variables {
    private static final Pattern REFERENCE = Pattern.compile("#\\{([A-Za-z0-9@\\-_]+)\\.([A-Za-z0-9@\\-_]+)}");

    private Variables() {
    }

    /** The configuration with every reference replaced, or the first reference nothing defines. */
    static Resolution resolve(Map<String, String> configuration, Map<String, String> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var entry : configuration.entrySet()) {
            Matcher m = REFERENCE.matcher(entry.getValue());
            StringBuilder value = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) + "." + m.group(2);
                String resolved = variables.get(name);
                if (resolved == null) {
                    return new Resolution(Map.of(), Optional.of(name));
                }
                m.appendReplacement(value, Matcher.quoteReplacement(resolved));
            }
            m.appendTail(value);
            out.put(entry.getKey(), value.toString());
        }
        return new Resolution(out, Optional.empty());
    }

    record Resolution(Map<String, String> configuration, Optional<String> unresolved) {
    }
}
