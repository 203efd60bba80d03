package io.slipway.codepipeline.pipeline;

import io.slipway.model.codepipeline.ActionCategory;
import io.slipway.model.codepipeline.ActionConfigurationProperty;
import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionType;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.ArtifactDetails;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.StageDeclaration;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretValuesTest {
    private static final ActionTypeId CI = new ActionTypeId(ActionCategory.BUILD, ActionOwner.CUSTOM, "Ci", "1");
    private static final Function<ActionTypeId, Optional<ActionType>> TYPES = id -> Optional.of(new ActionType(CI, null,
            List.of(new ActionConfigurationProperty("Project", true, true, false, true, null, null),
                    new ActionConfigurationProperty("Token", true, false, true, false, null, null)),
            new ArtifactDetails(0, 5), new ArtifactDetails(0, 5)));

    private static PipelineDeclaration pipeline(String action, String token) {
        ActionDeclaration a = ActionDeclaration.builder().name(action).actionTypeId(CI)
                .configuration(Map.of("Project", "shop", "Token", token)).build();
        return PipelineDeclaration.builder().name("p")
                .stages(List.of(new StageDeclaration("Build", null, List.of(a), null, null, null))).build();
    }

    private static Map<String, String> config(PipelineDeclaration p) {
        return p.stages().getFirst().actions().getFirst().configuration();
    }

    @Test
    void clientsSeeStarsWhereSecretsAre() {
        assertThat(config(SecretValues.masked(pipeline("Build", "s3cr3t"), TYPES)))
                .isEqualTo(Map.of("Project", "shop", "Token", "****"));
    }

    @Test
    void starsSentBackKeepTheSecretOfTheSameAction() {
        PipelineDeclaration stored = pipeline("Build", "s3cr3t");
        assertThat(config(SecretValues.restored(pipeline("Build", "****"), Optional.of(stored), TYPES)))
                .containsEntry("Token", "s3cr3t");
        assertThat(config(SecretValues.restored(pipeline("Build", "new"), Optional.of(stored), TYPES)))
                .containsEntry("Token", "new");
        assertThatThrownBy(() -> SecretValues.restored(pipeline("Renamed", "****"), Optional.of(stored), TYPES))
                .isInstanceOf(AwsException.class).hasMessageContaining("only when updating an existing action");
        assertThatThrownBy(() -> SecretValues.restored(pipeline("Build", "****"), Optional.empty(), TYPES))
                .isInstanceOf(AwsException.class).hasMessageContaining("the new action \"Build\"");
    }
}
