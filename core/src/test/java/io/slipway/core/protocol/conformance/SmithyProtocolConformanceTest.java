package io.slipway.core.protocol.conformance;

import io.slipway.model.runtime.ServiceModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.smithy.model.Model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server side of the official Smithy AWS protocol tests for awsJson1_1, awsQuery and restJson1,
 * run through Slipway's real protocols: every case whose appliesTo is absent or "server", and
 * restJson1's malformed-request cases (the rejection's status and headers). Cases for clients only
 * are not run (the summary counts them); the server cases that cannot apply to Slipway, or where
 * Slipway deliberately differs, are listed below with the reason.
 */
class SmithyProtocolConformanceTest {
    private static final String COMPRESSION = "the case gives no body: it checks that a client gzips the body and"
            + " sets Content-Encoding, so there is nothing for a server to decode";
    private static final String DEFAULTS = "the case expects @default values filled in; botocore models carry no"
            + " defaults, so Slipway's shapes (generated from them) have none";
    private static final String MEDIA_TYPE = "the case expects the payload's @mediaType as Content-Type; botocore"
            + " models have no media types, so a blob payload is answered as application/octet-stream";
    private static final String PAYLOAD_MEDIA_TYPES = "blob and string payloads are taken with any Content-Type and"
            + " Accept: botocore models carry no media type for them, and botocore (boto3, the AWS CLI) sends such"
            + " payloads (Lambda's Invoke) without a Content-Type";
    private static final String BODY_WITHOUT_MEMBERS = "a body sent to an operation without body members is ignored,"
            + " not refused: the AWS SDK for JavaScript v2 sends \"{}\" with every POST and PUT";
    /** Server cases that do not apply, by "request Id" / "response Id" / "malformed Id", with the reason. */
    private static final Map<String, String> SKIPPED = Map.ofEntries(
            Map.entry("request SDKAppliedContentEncoding_awsJson1_1", COMPRESSION),
            Map.entry("request SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_1", COMPRESSION),
            Map.entry("request SDKAppliedContentEncoding_awsQuery", COMPRESSION),
            Map.entry("request SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsQuery", COMPRESSION),
            Map.entry("response parses_the_request_id_from_the_response", "x-amzn-RequestId is written by the"
                    + " Router for every protocol, outside Protocol.handle, and holds the id Slipway generates per"
                    + " request, which a fixed expected value cannot match"),
            Map.entry("response AwsJson11IntEnums", "the case expects the request header X-Amz-Target on the"
                    + " response (copied from its request twin); no AWS response carries it"),
            Map.entry("request QueryEmptyQueryMaps", "awsQuery sends no parameter for an empty map, so a server"
                    + " cannot tell {} from an absent map; the case's params state the client's view ({})"),
            Map.entry("request SDKAppliedContentEncoding_restJson1", COMPRESSION),
            Map.entry("request SDKAppendedGzipAfterProvidedEncoding_restJson1", COMPRESSION),
            Map.entry("request RestJsonOmitsEmptyListQueryValues", "a client sends no query parameter for an empty"
                    + " list, so a server cannot tell [] from an absent list; the case's params state the client's view"),
            Map.entry("request RestJsonServerPopulatesDefaultsWhenMissingInRequestBody", DEFAULTS),
            Map.entry("request RestJsonServerPopulatesNestedDefaultsWhenMissingInRequestBody", DEFAULTS),
            Map.entry("response RestJsonServerPopulatesDefaultsInResponseWhenMissingInParams", DEFAULTS),
            Map.entry("response RestJsonServerPopulatesNestedDefaultValuesWhenMissingInInResponseParams", DEFAULTS),
            Map.entry("response RestJsonHttpPayloadTraitsWithMediaTypeWithBlob", MEDIA_TYPE),
            Map.entry("response RestJsonStreamingTraitsWithMediaTypeWithBlob", MEDIA_TYPE),
            Map.entry("malformed RestJsonStringPayloadNoContentType", PAYLOAD_MEDIA_TYPES),
            Map.entry("malformed RestJsonStringPayloadWrongContentType", PAYLOAD_MEDIA_TYPES),
            Map.entry("malformed RestJsonStringPayloadUnsatisfiableAccept", PAYLOAD_MEDIA_TYPES),
            Map.entry("malformed RestJsonWithPayloadExpectsModeledContentType", PAYLOAD_MEDIA_TYPES),
            Map.entry("malformed RestJsonWithPayloadExpectsImpliedContentType", PAYLOAD_MEDIA_TYPES),
            Map.entry("malformed RestJsonWithPayloadExpectsModeledAccept", PAYLOAD_MEDIA_TYPES),
            Map.entry("malformed RestJsonWithPayloadExpectsImpliedAccept", PAYLOAD_MEDIA_TYPES),
            Map.entry("malformed RestJsonWithoutBodyExpectsEmptyContentType", BODY_WITHOUT_MEMBERS),
            Map.entry("malformed RestJsonWithoutBodyEmptyInputExpectsEmptyContentType", BODY_WITHOUT_MEMBERS),
            Map.entry("malformed RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders", "contradicts request"
                    + " RestJsonEndpointTraitWithHostLabel, whose JSON body comes without Content-Type and must be"
                    + " decoded; Slipway reads such a body as JSON and refuses only one that names another media type"));

    private static final Model MODEL = ProtocolTestModel.load();
    private static final Map<ProtocolSuite, Suite> SUITES = new EnumMap<>(ProtocolSuite.class);

    static {
        for (ProtocolSuite s : ProtocolSuite.values()) {
            ServiceModel service = SmithyServiceConverter.convert(MODEL, s.service);
            SUITES.put(s, new Suite(ConformanceCase.of(MODEL, s), new CaseRunner(s, service)));
        }
    }

    /** A suite's cases, its runner, and the tally the summary prints. */
    private static final class Suite {
        final ConformanceCase.Found found;
        final CaseRunner runner;
        int passed;
        int skipped;
        int failed;
        final List<String> failures = new ArrayList<>();

        Suite(ConformanceCase.Found found, CaseRunner runner) {
            this.found = found;
            this.runner = runner;
        }
    }

    static Stream<ConformanceCase> cases() {
        return SUITES.values().stream().flatMap(s -> s.found.cases().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void serverConforms(ConformanceCase c) throws Exception {
        Suite suite = SUITES.get(c.suite());
        String reason = SKIPPED.get(c.key());
        if (reason != null) {
            suite.skipped++;
            Assumptions.abort(reason);
        }
        try {
            suite.runner.run(c);
            suite.passed++;
        } catch (Exception | AssertionError e) {
            suite.failed++;
            suite.failures.add(c + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            throw e;
        }
    }

    @Test
    void everySkipNamesAServerCase() {
        Set<String> keys = cases().map(ConformanceCase::key).collect(Collectors.toSet());
        assertThat(keys).containsAll(SKIPPED.keySet());
    }

    @AfterAll
    static void summary() {
        SUITES.forEach((protocol, s) -> {
            System.out.printf(
                    "Smithy protocol tests, %s (server): %d passed, %d skipped, %d failed; %d client-only cases not run%n",
                    protocol.label, s.passed, s.skipped, s.failed, s.found.clientOnly());
            s.failures.forEach(f -> System.out.println("  failed: " + f));
        });
    }
}
