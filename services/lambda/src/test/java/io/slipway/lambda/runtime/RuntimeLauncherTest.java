package io.slipway.lambda.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.slipway.lambda.runtime.Runtimes.code;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A function's environment is Lambda's, built afresh: Slipway's own environment (handed in here the
 * way the process's would be) reaches it only as the PATH to its interpreters and the library path.
 */
class RuntimeLauncherTest {
    /** Lambda's documented variables every runtime gets, plus AWS_ENDPOINT_URL back to Slipway. */
    static final Set<String> LAMBDA = Set.of("_HANDLER", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API",
            "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "TZ", "PATH", "LANG", "LD_LIBRARY_PATH", "AWS_ENDPOINT_URL");

    @TempDir
    Path tmp;

    private RuntimeLauncher launcher() {
        Map<String, String> inherited = new HashMap<>();
        inherited.put("PATH", System.getenv().getOrDefault("PATH", ""));
        inherited.put("LD_LIBRARY_PATH", "/opt/operator/lib");
        inherited.put("SLIPWAY_DATABASE_PASSWORD", "hunter2");
        inherited.put("SLIPWAY_ACCOUNTS", "AKIATEAM=444455556666");
        inherited.put("HOME", "/home/operator");
        inherited.put("AWS_PROFILE", "operator");
        inherited.put("NODE_OPTIONS", "--require /nonexistent.js");
        inherited.put("PYTHONHOME", "/elsewhere");
        RuntimeSettings settings = new RuntimeSettings(() -> Runtimes.ENDPOINT, "us-east-1", "999999999999", 2, 1,
                tmp.resolve("work"));
        return new RuntimeLauncher(settings, new Interpreters(inherited.get("PATH")), tmp.resolve("bootstrap"), inherited);
    }

    private Path codeWithBootstrap() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("code"));
        Path bootstrap = Files.writeString(dir.resolve("bootstrap"), "#!/bin/sh\n");
        bootstrap.toFile().setExecutable(true);
        return dir;
    }

    @Test
    void aFunctionSeesLambdasVariablesItsOwnAndNothingOfSlipways() throws Exception {
        Path dir = codeWithBootstrap();
        Map<String, String> own = Map.of("MY_SETTING", "on", "LANG", "C.UTF-8", "AWS_REGION", "mars-1", "TZ", "Europe/Paris");

        Map<String, String> env = launcher().launch(code("custom", "provided.al2023", "h", dir, own, 3),
                "127.0.0.1:9001", "2026/03/01/[$LATEST]abc", tmp).environment();

        Set<String> expected = new TreeSet<>(LAMBDA);
        expected.add("MY_SETTING");
        assertThat(new TreeSet<>(env.keySet())).isEqualTo(expected);
        assertThat(env).containsEntry("MY_SETTING", "on")
                .containsEntry("LANG", "C.UTF-8") // unreserved: the function may change it
                .containsEntry("AWS_REGION", Runtimes.REGION) // reserved: it may not
                .containsEntry("TZ", ":UTC")
                .containsEntry("AWS_ACCESS_KEY_ID", Runtimes.ACCOUNT)
                .containsEntry("AWS_ENDPOINT_URL", Runtimes.ENDPOINT)
                .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
                .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        assertThat(env.get("PATH")).endsWith("/usr/local/bin:/usr/bin:/bin");
        assertThat(env.get("LD_LIBRARY_PATH")).startsWith("/opt/operator/lib:/lib64:/usr/lib64:")
                .endsWith(dir.toAbsolutePath() + File.pathSeparator + dir.toAbsolutePath().resolve("lib"));
        assertThat(env.values()).noneMatch(v -> v.contains("hunter2") || v.contains("AKIATEAM") || v.contains("/home/operator")
                || v.contains("/nonexistent.js") || v.contains("/elsewhere"));
    }

    @Test
    void nodeAndPythonFindTheirInterpreterAndLibrariesAndNothingMore() throws Exception {
        RuntimeLauncher launcher = launcher();
        Path dir = Files.createDirectories(tmp.resolve("code"));
        for (String runtime : new String[] {"nodejs20.x", "python3.12"}) {
            if (launcher.unavailable(runtime).isPresent()) {
                continue; // the runtime tests say whether this machine must have it
            }
            RuntimeLauncher.Launch launch = launcher.launch(code("fn", runtime, "index.handler", dir, 3), "127.0.0.1:9001",
                    "stream", tmp);
            Map<String, String> env = launch.environment();
            String extra = runtime.startsWith("node") ? "NODE_PATH" : "PYTHONPATH";
            Set<String> expected = new TreeSet<>(LAMBDA);
            expected.add(extra);
            assertThat(new TreeSet<>(env.keySet())).as(runtime).isEqualTo(expected);
            String interpreterDir = Path.of(launch.command().getFirst()).getParent().toString();
            assertThat(env.get("PATH").split(File.pathSeparator)).as(runtime).contains(interpreterDir);
            if (extra.equals("NODE_PATH")) {
                assertThat(env.get(extra)).endsWith(File.pathSeparator + dir.toAbsolutePath());
            } else {
                assertThat(env.get(extra)).isEqualTo(env.get("LAMBDA_RUNTIME_DIR"));
                assertThat(launch.command()).contains("-u", "-B"); // unbuffered, no bytecode: flags, not variables
            }
        }
    }

    @Test
    void theExecutionRolesCredentialsAreMintedElseTheAccountsAreUsed() throws Exception {
        Path dir = codeWithBootstrap();
        java.util.List<String> asked = new java.util.ArrayList<>();
        ExecutionRoleCredentials sts = (account, role, function) -> {
            asked.add(account + " " + role + " " + function);
            if (role.endsWith("/missing")) {
                throw new IllegalArgumentException("the role " + role + " does not exist in IAM");
            }
            return new ExecutionRoleCredentials.Credentials("ASIAMINTED", "secret", "token",
                    java.time.Instant.parse("2030-01-01T00:00:00Z"));
        };
        RuntimeSettings settings = new RuntimeSettings(() -> Runtimes.ENDPOINT, "us-east-1", "999999999999", 2, 1,
                tmp.resolve("work")).withRoleCredentials(sts);
        RuntimeLauncher launcher = new RuntimeLauncher(settings, new Interpreters(System.getenv("PATH")),
                tmp.resolve("bootstrap"), Map.of());
        String role = "arn:aws:iam::" + Runtimes.ACCOUNT + ":role/app";
        FunctionCode fn = new FunctionCode("custom", "$LATEST", "arn:aws:lambda:" + Runtimes.REGION + ":" + Runtimes.ACCOUNT
                + ":function:custom", "provided.al2023", "h", dir, Map.of(), 3, 128, role);

        Map<String, String> minted = launcher.launch(fn, "127.0.0.1:9001", "s", tmp).environment();
        assertThat(minted).containsEntry("AWS_ACCESS_KEY_ID", "ASIAMINTED").containsEntry("AWS_SECRET_ACCESS_KEY", "secret")
                .containsEntry("AWS_SESSION_TOKEN", "token");
        assertThat(asked).containsExactly(Runtimes.ACCOUNT + " " + role + " custom");

        FunctionCode missing = new FunctionCode("custom", "$LATEST", fn.qualifiedArn(), "provided.al2023", "h", dir, Map.of(),
                3, 128, "arn:aws:iam::" + Runtimes.ACCOUNT + ":role/missing");
        assertThat(launcher.launch(missing, "127.0.0.1:9001", "s", tmp).environment())
                .containsEntry("AWS_ACCESS_KEY_ID", Runtimes.ACCOUNT);
    }

    /** An https endpoint's certificates are what the runtimes' SDKs trust; over http nothing is added. */
    @Test
    void anHttpsEndpointsCertificatesAreGivenToTheSdksAndOnlyThen() throws Exception {
        Path dir = codeWithBootstrap();
        Path pem = Files.writeString(tmp.resolve("slipway.pem"), "-----BEGIN CERTIFICATE-----\n");
        FunctionCode fn = code("custom", "provided.al2023", "h", dir, Map.of(), 3);
        for (String endpoint : java.util.List.of("https://127.0.0.1:4599", "http://127.0.0.1:4599")) {
            RuntimeSettings settings = new RuntimeSettings(() -> endpoint, "us-east-1", "999999999999", 2, 1,
                    tmp.resolve("work")).withEndpointCertificates(java.util.Optional.of(pem));
            Map<String, String> env = new RuntimeLauncher(settings, new Interpreters(System.getenv("PATH")),
                    tmp.resolve("bootstrap"), Map.of()).launch(fn, "127.0.0.1:9001", "s", tmp).environment();
            assertThat(env).containsEntry("AWS_ENDPOINT_URL", endpoint);
            if (endpoint.startsWith("https:")) {
                assertThat(env).containsEntry("AWS_CA_BUNDLE", pem.toString()).containsEntry("NODE_EXTRA_CA_CERTS", pem.toString());
            } else {
                assertThat(env).doesNotContainKeys("AWS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS");
            }
        }
    }
}
