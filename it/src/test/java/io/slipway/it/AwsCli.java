package io.slipway.it;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real AWS CLI against Slipway. Where the CLI is missing, tests are skipped on a
 * developer's machine and fail under CI=true: a missing client is a failure there, not a skip.
 */
final class AwsCli {
    private AwsCli() {
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static void requireCli() {
        boolean present;
        try {
            present = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("The AWS CLI (aws) is not installed, and CI=true requires it");
        }
        Assumptions.assumeTrue(present, "the AWS CLI (aws) is not installed");
    }

    /** Runs {@code aws --endpoint-url endpoint args...} with test credentials. */
    static Result at(String endpoint, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--endpoint-url";
        full[1] = endpoint;
        System.arraycopy(args, 0, full, 2, args.length);
        return run(Map.of(), full);
    }

    /** Runs {@code aws args...} with test credentials and the given extra environment. */
    static Result run(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AWS_ACCESS_KEY_ID", "AKIDCLI");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
        pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        pb.environment().put("AWS_PAGER", "");
        pb.environment().remove("AWS_PROFILE");
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
