package io.slipway.codepipeline.actiontype;

import io.slipway.model.codepipeline.ActionType;
import io.slipway.model.codepipeline.ActionTypeArtifactDetails;
import io.slipway.model.codepipeline.ActionTypeDeclaration;
import io.slipway.model.codepipeline.ActionTypeExecutor;
import io.slipway.model.codepipeline.ActionTypeIdentifier;
import io.slipway.model.codepipeline.ActionTypeProperty;
import io.slipway.model.codepipeline.ActionTypeUrls;
import io.slipway.model.codepipeline.ArtifactDetails;
import io.slipway.model.codepipeline.ExecutorConfiguration;
import io.slipway.model.codepipeline.ExecutorType;
import io.slipway.model.codepipeline.JobWorkerExecutorConfiguration;

/**
 * An action type in GetActionType's newer shape: {@code optional} for not required, {@code noEcho}
 * for secret, the settings' URLs as {@code urls}. Built-in types run inside CodePipeline, which
 * the shape can only call a job worker.
 */
final class ActionTypeDeclarations {
    private ActionTypeDeclarations() {
    }

    static ActionTypeDeclaration of(ActionType type) {
        var settings = type.settings();
        return ActionTypeDeclaration.builder()
                .id(new ActionTypeIdentifier(type.id().category(), type.id().owner().value(), type.id().provider(),
                        type.id().version()))
                .executor(ActionTypeExecutor.builder().type(ExecutorType.JOB_WORKER)
                        .configuration(ExecutorConfiguration.builder()
                                .jobWorkerExecutorConfiguration(JobWorkerExecutorConfiguration.builder().build()).build())
                        .build())
                .inputArtifactDetails(counts(type.inputArtifactDetails()))
                .outputArtifactDetails(counts(type.outputArtifactDetails()))
                .properties(ActionTypes.properties(type).stream().map(p -> new ActionTypeProperty(p.name(),
                        !p.required(), p.key(), p.secret(), Boolean.TRUE.equals(p.queryable()), p.description())).toList())
                .urls(settings == null ? null : new ActionTypeUrls(settings.thirdPartyConfigurationUrl(),
                        settings.entityUrlTemplate(), settings.executionUrlTemplate(), settings.revisionUrlTemplate()))
                .build();
    }

    private static ActionTypeArtifactDetails counts(ArtifactDetails details) {
        return new ActionTypeArtifactDetails(details.minimumCount(), details.maximumCount());
    }
}
