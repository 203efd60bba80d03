package io.slipway.core.protocol.conformance;

import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.loader.ModelAssembler;
import software.amazon.smithy.model.loader.ModelDiscovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;

/**
 * The Smithy model of the official AWS protocol tests, limited to the suites Slipway serves. The
 * rest of the jar needs models this build does not have (restJson1's validation service needs
 * smithy-validation-model, which the registry does not serve), and the 1.74.1 tests may use traits
 * the 1.73.0 libraries do not know, which load as unknown traits.
 */
final class ProtocolTestModel {
    private static final String TESTS_JAR = "smithy-aws-protocol-tests";
    private static final List<String> SUITES = List.of(
            "/META-INF/smithy/shared-types.smithy", "/META-INF/smithy/aws-config.smithy",
            "/META-INF/smithy/awsJson1_1/", "/META-INF/smithy/awsQuery/", "/META-INF/smithy/restJson1/");

    private ProtocolTestModel() {
    }

    static Model load() {
        ClassLoader loader = ProtocolTestModel.class.getClassLoader();
        ModelAssembler assembler = Model.assembler(loader).putProperty(ModelAssembler.ALLOW_UNKNOWN_TRAITS, true);
        try {
            for (URL manifest : Collections.list(loader.getResources("META-INF/smithy/manifest"))) {
                boolean tests = manifest.toString().contains(TESTS_JAR);
                for (URL file : ModelDiscovery.findModels(manifest)) {
                    if (!tests || wanted(file.toString())) {
                        assembler.addImport(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return assembler.assemble().unwrap();
    }

    /** A file of one of the suites, but not the service-specific models (machinelearning, ...) or restJson1 validation. */
    private static boolean wanted(String url) {
        return !url.contains("/services/") && !url.contains("/restJson1/validation/") && SUITES.stream().anyMatch(url::contains);
    }
}
