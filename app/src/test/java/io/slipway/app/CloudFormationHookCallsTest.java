package io.slipway.app;

import io.slipway.cloudformation.hooks.HookFunctions.Answer;
import io.slipway.core.Namespace;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class CloudFormationHookCallsTest {
    private static final Namespace NS = new Namespace("000000000000", "us-east-1");

    @Test
    void aFunctionsResponseIsTheHooksAnswer() {
        var calls = new CloudFormationHookCalls((ns, fn, event) -> new FunctionCalls.Outcome.Ran(Optional.of("{\"hookStatus\":\"SUCCESS\"}")),
                Duration.ofSeconds(5));
        assertThat(calls.call(NS, "hook", "{}")).isEqualTo(new Answer.Returned("{\"hookStatus\":\"SUCCESS\"}"));
    }

    @Test
    void aFunctionThatDoesNotAnswerInTimeFailsTheHook() {
        CountDownLatch never = new CountDownLatch(1);
        var calls = new CloudFormationHookCalls((ns, fn, event) -> {
            never.await();
            return new FunctionCalls.Outcome.Ran(Optional.of("{}"));
        }, Duration.ofMillis(50));
        assertThat(calls.call(NS, "slow", "{}")).isEqualTo(new Answer.Failed("Function slow did not answer within 0 seconds"));
        never.countDown();
    }

    @Test
    void missingAndFailingFunctionsSayWhy() {
        assertThat(new CloudFormationHookCalls((ns, fn, event) -> new FunctionCalls.Outcome.NoFunction(), Duration.ofSeconds(5))
                .call(NS, "gone", "{}")).isEqualTo(new Answer.Failed("Function not found: gone"));
        assertThat(new CloudFormationHookCalls((ns, fn, event) -> new FunctionCalls.Outcome.Failed("Unhandled", ""), Duration.ofSeconds(5))
                .call(NS, "bad", "{}")).isEqualTo(new Answer.Failed("Unhandled"));
        assertThat(new CloudFormationHookCalls((ns, fn, event) -> new FunctionCalls.Outcome.Ran(Optional.empty()), Duration.ofSeconds(5))
                .call(NS, "remote", "{}")).isInstanceOf(Answer.Failed.class);
    }
}
