package io.slipway.codepipeline.pipeline;

import io.slipway.model.codepipeline.ActionConfigurationProperty;
import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.ActionType;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.StageDeclaration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_ACTION_DECLARATION;

/**
 * Secret configuration properties: clients see {@code ****} in their place, and an update that
 * sends {@code ****} keeps the value the same action (same stage and action name, same type) had.
 * The store keeps the real values, which only jobs see.
 */
final class SecretValues {
    static final String MASK = "****";

    private SecretValues() {
    }

    static PipelineDeclaration masked(PipelineDeclaration p, Function<ActionTypeId, Optional<ActionType>> types) {
        return StageActions.map(p, (stage, action) -> {
            Set<String> secret = secretNames(action, types);
            if (secret.isEmpty() || action.configuration() == null) {
                return action;
            }
            Map<String, String> config = new LinkedHashMap<>(action.configuration());
            config.replaceAll((k, v) -> secret.contains(k) ? MASK : v);
            return action.toBuilder().configuration(config).build();
        });
    }

    /** Puts back the values a {@code ****} stands for; {@code previous} is empty on create. */
    static PipelineDeclaration restored(PipelineDeclaration p, Optional<PipelineDeclaration> previous,
                                        Function<ActionTypeId, Optional<ActionType>> types) {
        return StageActions.map(p, (stage, action) -> {
            if (action.configuration() == null || !action.configuration().containsValue(MASK)) {
                return action;
            }
            Set<String> secret = secretNames(action, types);
            Optional<ActionDeclaration> before = previous.flatMap(old -> same(old, stage, action));
            Map<String, String> config = new LinkedHashMap<>(action.configuration());
            for (Map.Entry<String, String> e : config.entrySet()) {
                if (!e.getValue().equals(MASK) || !secret.contains(e.getKey())) {
                    continue;
                }
                String old = before.map(ActionDeclaration::configuration).map(c -> c.get(e.getKey())).orElseThrow(() ->
                        INVALID_ACTION_DECLARATION.exception("Action configuration for the new action \"" + action.name()
                                + "\" contains an invalid configuration for the secret property \"" + e.getKey() + "\". \""
                                + MASK + "\" may be used in secret properties only when updating an existing action."));
                e.setValue(old);
            }
            return action.toBuilder().configuration(config).build();
        });
    }

    private static Optional<ActionDeclaration> same(PipelineDeclaration old, StageDeclaration stage, ActionDeclaration action) {
        return old.stages().stream().filter(s -> s.name().equals(stage.name()))
                .flatMap(s -> StageActions.actions(s).stream())
                .filter(a -> a.name().equals(action.name()) && a.actionTypeId().equals(action.actionTypeId()))
                .findFirst();
    }

    private static Set<String> secretNames(ActionDeclaration action, Function<ActionTypeId, Optional<ActionType>> types) {
        return types.apply(action.actionTypeId()).map(ActionType::actionConfigurationProperties).stream()
                .flatMap(props -> props == null ? java.util.stream.Stream.<ActionConfigurationProperty>empty() : props.stream())
                .filter(prop -> Boolean.TRUE.equals(prop.secret())).map(ActionConfigurationProperty::name)
                .collect(Collectors.toSet());
    }
}
