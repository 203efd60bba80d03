package io.slipway.cloudformation.hooks;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.presign.PresignedUrls;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.model.cloudformation.ActivateTypeInput;
import io.slipway.model.cloudformation.ThirdPartyType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An embedded store, a manual clock, predictable ids, and hook functions that answer canned JSON. */
final class HookFixture implements AutoCloseable {
    static final Namespace NS = new Namespace("111122223333", "eu-west-1");
    static final String ENDPOINT = "http://127.0.0.1:4566";
    static final String STACK_ID = "arn:aws:cloudformation:eu-west-1:111122223333:stack/shop/11111111-2222-3333-4444-555555555555";
    static final String CHANGE_SET_ID = "arn:aws:cloudformation:eu-west-1:111122223333:changeSet/cs1/aaaaaaaa-2222-3333-4444-555555555555";

    final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    final Database db = Database.open(DatabaseConfig.h2InMemory());
    final ResourceStore resources = new ResourceStore(db.jdbc(), clock);
    final CannedFunctions functions = new CannedFunctions();
    final List<Duration> pauses = new ArrayList<>();
    final HookTypes types = new HookTypes(db.jdbc(), resources, clock);
    final HookTypeQueries queries = new HookTypeQueries(types);
    final HookResults results = new HookResults(resources);
    private final AtomicLong lastId = new AtomicLong();
    /** UUID-shaped ids in creation order. */
    final IdGenerator ids = () -> "00000000-0000-4000-8000-%012d".formatted(lastId.incrementAndGet());
    final PresignedUrls urls = new PresignedUrls(resources, clock, IdGenerator.uuid());
    final HookInvocations invocations = new HookInvocations(db.jdbc(), resources, clock, ids, types,
            functions, () -> ENDPOINT + "/", urls, pauses::add);

    /** Activates {@code alias} through the API and configures it. */
    String activate(String alias, String configuration) {
        String arn = types.activate(NS, ActivateTypeInput.builder().type(ThirdPartyType.HOOK)
                .typeName(HookTypeNames.LAMBDA_HOOK).typeNameAlias(alias)
                .executionRoleArn("arn:aws:iam::111122223333:role/hooks").build()).arn();
        types.setConfiguration(NS, arn, null, null, null, configuration);
        return arn;
    }

    static String configuration(String hookConfigurationMembers) {
        return "{\"CloudFormationConfiguration\":{\"HookConfiguration\":{" + hookConfigurationMembers + "}}}";
    }

    /** An enabled FAIL-mode hook on resources calling {@code function}, plus extra members. */
    static String resourceHook(String function, String extra) {
        return configuration("\"HookInvocationStatus\":\"ENABLED\",\"TargetOperations\":[\"RESOURCE\"],"
                + "\"FailureMode\":\"FAIL\",\"Properties\":{\"LambdaFunction\":\"" + function + "\"}" + extra);
    }

    static HookTarget bucket(String action) {
        return new HookTarget("RESOURCE", action, "shop", STACK_ID, null, "AWS::S3::Bucket", "Assets",
                java.util.Map.of("BucketName", "assets"), java.util.Map.of(), null);
    }

    @Override
    public void close() {
        db.close();
    }

    /**
     * Records each call and answers with the next canned reply; {@code TOKEN} in a reply becomes
     * the request's clientRequestToken, as a well-behaved function echoes it.
     */
    static final class CannedFunctions implements HookFunctions {
        private static final Pattern TOKEN = Pattern.compile("\"clientRequestToken\":\"([^\"]+)\"");
        record Call(String function, String request) {
        }

        final List<Call> calls = new ArrayList<>();
        final Deque<Function<String, Answer>> replies = new ArrayDeque<>();

        CannedFunctions reply(String json) {
            replies.add(request -> new Answer.Returned(json.replace("TOKEN", token(request))));
            return this;
        }

        CannedFunctions fail(String reason) {
            replies.add(request -> new Answer.Failed(reason));
            return this;
        }

        @Override
        public Answer call(Namespace ns, String function, String requestJson) {
            calls.add(new Call(function, requestJson));
            Function<String, Answer> reply = replies.poll();
            if (reply == null) {
                throw new AssertionError("unexpected call of " + function);
            }
            return reply.apply(requestJson);
        }

        static String token(String request) {
            Matcher m = TOKEN.matcher(request);
            return m.find() ? m.group(1) : "";
        }
    }
}
