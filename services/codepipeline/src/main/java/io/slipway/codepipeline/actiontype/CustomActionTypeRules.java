package io.slipway.codepipeline.actiontype;

import io.slipway.model.codepipeline.ActionConfigurationProperty;
import io.slipway.model.codepipeline.ActionType;
import io.slipway.model.codepipeline.ArtifactDetails;
import io.slipway.model.codepipeline.ActionTypeSettings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What makes a custom action type's definition consistent beyond the model's lengths and ranges:
 * unique property names, at most one queryable property (required and not secret, since job
 * workers poll by its value), minimum counts not above maximum counts, and URL templates that
 * only name required, non-secret properties. CreateCustomActionType models no error of its own for
 * these, so each is a ValidationException.
 */
final class CustomActionTypeRules {
    private static final Pattern CONFIG_REFERENCE = Pattern.compile("\\{Config:([^}]*)}");

    private CustomActionTypeRules() {
    }

    static void check(ActionType type) {
        Map<String, ActionConfigurationProperty> byName = new HashMap<>();
        int queryable = 0;
        for (ActionConfigurationProperty p : ActionTypes.properties(type)) {
            if (byName.put(p.name(), p) != null) {
                throw ActionTypes.invalid("Configuration property names must be unique; " + p.name() + " is declared twice");
            }
            if (Boolean.TRUE.equals(p.queryable())) {
                queryable++;
                if (!p.required() || p.secret()) {
                    throw ActionTypes.invalid("The queryable configuration property " + p.name()
                            + " must be required and must not be secret");
                }
            }
        }
        if (queryable > 1) {
            throw ActionTypes.invalid("An action type can have at most one queryable configuration property");
        }
        counts("input", type.inputArtifactDetails());
        counts("output", type.outputArtifactDetails());
        urlTemplates(type.settings(), byName);
    }

    private static void counts(String which, ArtifactDetails details) {
        if (details.minimumCount() > details.maximumCount()) {
            throw ActionTypes.invalid("The minimum " + which + " artifact count (" + details.minimumCount()
                    + ") is greater than the maximum (" + details.maximumCount() + ")");
        }
    }

    private static void urlTemplates(ActionTypeSettings settings, Map<String, ActionConfigurationProperty> byName) {
        if (settings == null) {
            return;
        }
        List<String> templates = Stream.of(settings.entityUrlTemplate(), settings.executionUrlTemplate(),
                settings.revisionUrlTemplate()).filter(t -> t != null).toList();
        for (String template : templates) {
            Matcher m = CONFIG_REFERENCE.matcher(template);
            while (m.find()) {
                ActionConfigurationProperty p = byName.get(m.group(1));
                if (p == null || !p.required() || p.secret()) {
                    throw ActionTypes.invalid("The URL template " + template + " refers to {Config:" + m.group(1)
                            + "}, which must be a required, non-secret configuration property");
                }
            }
        }
    }
}
