package io.slipway.codepipeline.pipeline;

import io.slipway.codepipeline.actiontype.ActionTypes;
import io.slipway.model.codepipeline.ActionCategory;
import io.slipway.model.codepipeline.ActionConfigurationProperty;
import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionType;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.ArtifactDetails;
import io.slipway.model.codepipeline.StageDeclaration;
import io.slipway.model.runtime.AwsException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_ACTION_DECLARATION;

/**
 * One action checked against its action type: the type exists (built-in, or a custom type of the
 * account), its artifact counts are within the type's, every required configuration property is
 * given and none the type does not know, a queryable property's value is one job workers can poll
 * by, and only manual approvals take a timeout. All are InvalidActionDeclarationException, with
 * AWS's wording where it is known.
 */
final class ActionRules {
    /** What a job worker's queryParam can match (AWS documents 20 characters for queryable values). */
    private static final Pattern QUERYABLE_VALUE = Pattern.compile("[a-zA-Z0-9_-]{1,20}");

    private ActionRules() {
    }

    static ActionType check(String region, StageDeclaration stage, ActionDeclaration action, Optional<ActionType> type) {
        ActionTypeId id = action.actionTypeId();
        ActionType t = type.orElseThrow(() -> invalid(ActionTypes.describe(id) + " in action '" + action.name()
                + "' is not available in region '" + region.toUpperCase(Locale.ROOT).replace('-', '_') + "'"));
        if (id.owner() == ActionOwner.AWS && id.category() == ActionCategory.DEPLOY && id.provider().equals("CloudFormation")) {
            throw invalid("Action " + action.name() + " in stage " + stage.name()
                    + ": CloudFormation actions are not available in Slipway yet");
        }
        counts(action, "input", size(action.inputArtifacts()), t.inputArtifactDetails());
        counts(action, "output", size(action.outputArtifacts()), t.outputArtifactDetails());
        configuration(action, t);
        if (action.timeoutInMinutes() != null && id.category() != ActionCategory.APPROVAL) {
            throw invalid("Action " + action.name() + " sets timeoutInMinutes, which only manual approval actions take");
        }
        return t;
    }

    private static void counts(ActionDeclaration action, String which, int count, ArtifactDetails allowed) {
        if (count < allowed.minimumCount()) {
            throw invalid("Action " + action.name() + " declares " + count + " " + which
                    + " artifacts which is less than the minimum count (" + allowed.minimumCount() + ")");
        }
        if (count > allowed.maximumCount()) {
            throw invalid("Action " + action.name() + " declares " + count + " " + which
                    + " artifacts which is more than the maximum count (" + allowed.maximumCount() + ")");
        }
    }

    private static void configuration(ActionDeclaration action, ActionType type) {
        Map<String, String> config = action.configuration() == null ? Map.of() : action.configuration();
        List<ActionConfigurationProperty> properties = type.actionConfigurationProperties() == null ? List.of()
                : type.actionConfigurationProperties();
        for (ActionConfigurationProperty p : properties) {
            String value = config.get(p.name());
            if (Boolean.TRUE.equals(p.required()) && value == null) {
                throw invalid("Action configuration for action '" + action.name() + "' is missing required configuration '"
                        + p.name() + "'");
            }
            if (Boolean.TRUE.equals(p.queryable()) && value != null && !QUERYABLE_VALUE.matcher(value).matches()) {
                throw invalid("Action configuration for action '" + action.name() + "' sets the queryable property '"
                        + p.name() + "' to a value that is not 1 to 20 characters of [a-zA-Z0-9_-]");
            }
        }
        for (String key : config.keySet()) {
            if (properties.stream().noneMatch(p -> p.name().equals(key))) {
                throw invalid("Action configuration for action '" + action.name() + "' contains unknown configuration '"
                        + key + "'");
            }
        }
    }

    static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    static AwsException invalid(String message) {
        return INVALID_ACTION_DECLARATION.exception(message);
    }
}
