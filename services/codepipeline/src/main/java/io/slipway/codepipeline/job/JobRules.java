package io.slipway.codepipeline.job;

import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.FailureDetails;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static io.slipway.model.codepipeline.CodePipelineErrors.OUTPUT_VARIABLES_SIZE_EXCEEDED;
import static io.slipway.model.codepipeline.CodePipelineErrors.VALIDATION;

/** The checks of the worker operations' input beyond what the model's constraints already did (AWS-BEHAVIOUR.md B.1). */
final class JobRules {
    /** AWS documents no upper bound for maxBatchSize; larger values are served as this (UNVERIFIED). */
    static final int MAX_BATCH = 100;
    /** All output variables of one action together ([CPUG] limits.md). */
    static final int OUTPUT_VARIABLES_BYTES = 122_880;

    private JobRules() {
    }

    /** AWS answers a poll for another owner's type with this ValidationException (boto/boto3#1100). */
    static void requireOwner(ActionTypeId type, ActionOwner owner) {
        if (type == null) {
            throw VALIDATION.exception("actionTypeId is required");
        }
        if (type.owner() != owner) {
            throw VALIDATION.exception("ActionType with owner '" + type.owner() + "' is not supported");
        }
    }

    static int batchSize(Optional<Integer> maxBatchSize) {
        int size = maxBatchSize.orElse(1);
        if (size < 1) {
            throw VALIDATION.exception("maxBatchSize must be at least 1");
        }
        return Math.min(size, MAX_BATCH);
    }

    static void requireFailure(FailureDetails failure) {
        if (failure == null || failure.type() == null || failure.message() == null) {
            throw VALIDATION.exception("failureDetails with a type and a message is required");
        }
    }

    static void checkOutputVariables(JobResults.Success success) {
        Map<String, String> variables = success.outputVariables();
        if (variables.isEmpty()) {
            return;
        }
        if (success.continuationToken().isPresent()) {
            throw VALIDATION.exception("outputVariables can be included only when there is no continuation token");
        }
        long bytes = 0;
        for (Map.Entry<String, String> e : variables.entrySet()) {
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            bytes += e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > OUTPUT_VARIABLES_BYTES) {
            throw OUTPUT_VARIABLES_SIZE_EXCEEDED.exception("The output variables take " + bytes
                    + " bytes; an action may output at most " + OUTPUT_VARIABLES_BYTES);
        }
    }

    /**
     * The value to poll for: none for a type without a queryable property (queryParam must then be
     * empty), else the value queryParam gives that property, its only key.
     */
    static Optional<String> queryValue(ActionTypeId type, Optional<String> property, Map<String, String> queryParam) {
        if (property.isEmpty()) {
            if (!queryParam.isEmpty()) {
                throw VALIDATION.exception(describe(type) + " has no queryable property; queryParam must be empty");
            }
            return Optional.empty();
        }
        String value = queryParam.get(property.get());
        if (value == null || queryParam.size() != 1) {
            throw VALIDATION.exception("queryParam must give the queryable property " + property.get() + " of "
                    + describe(type));
        }
        return Optional.of(value);
    }

    /** How AWS names an action type in its errors (awslabs/aws-codepipeline-plugin-for-jenkins#14). */
    static String describe(ActionTypeId type) {
        return "ActionType (Category: '" + type.category() + "', Owner: '" + type.owner() + "', Provider: '"
                + type.provider() + "', Version: '" + type.version() + "')";
    }
}
