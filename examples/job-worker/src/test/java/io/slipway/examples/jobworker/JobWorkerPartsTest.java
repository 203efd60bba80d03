package io.slipway.examples.jobworker;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's settings, step counting and build output, without a server. */
class JobWorkerPartsTest {

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void settingsComeFromTheCommandLineWithTheEnvironmentFillingIn() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4599", "AWS_DEFAULT_REGION", "eu-west-1",
                "JOB_WORKER_STEPS", "3", "JOB_WORKER_PROVIDER", "FromEnv");
        JobWorkerSettings s = JobWorkerSettings.fromEnvironment(env,
                List.of("--once", "--query", "Project=shop", "--max-batch-size", "5", "Build", "Bench"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4599")), s.endpoint());
        assertEquals("eu-west-1", s.region());
        assertEquals("Build", s.category());
        assertEquals("Bench", s.provider());
        assertEquals("1", s.version());
        assertEquals(3, s.steps());
        assertEquals(5, s.maxBatchSize());
        assertEquals(Map.of("Project", "shop"), s.queryParam());
        assertEquals(Duration.ofSeconds(1), s.pollInterval());

        JobWorkerSettings fromEnv = JobWorkerSettings.fromEnvironment(Map.of("JOB_WORKER_CATEGORY", "Test",
                "JOB_WORKER_PROVIDER", "Checker", "JOB_WORKER_VERSION", "2"), List.of());
        assertEquals(List.of("Test", "Checker", "2", "us-east-1"),
                List.of(fromEnv.category(), fromEnv.provider(), fromEnv.version(), fromEnv.region()));
        assertTrue(fromEnv.endpoint().isEmpty());
    }

    @Test
    void badSettingsAreUsageErrors() {
        assertThrows(IllegalArgumentException.class, () -> JobWorkerSettings.fromEnvironment(Map.of(), List.of("Build")));
        assertThrows(IllegalArgumentException.class,
                () -> JobWorkerSettings.fromEnvironment(Map.of(), List.of("--steps", "0", "Build", "X")));
        assertThrows(IllegalArgumentException.class,
                () -> JobWorkerSettings.fromEnvironment(Map.of(), List.of("--query", "shop", "Build", "X")));
        assertThrows(IllegalArgumentException.class,
                () -> JobWorkerSettings.fromEnvironment(Map.of(), List.of("--frobnicate", "Build", "X")));
    }

    @Test
    void theStepFollowsTheContinuationToken() {
        assertEquals(1, JobWorker.step(null));
        assertEquals(2, JobWorker.step("step-1"));
        assertEquals(3, JobWorker.step("step-2"));
        assertEquals(1, JobWorker.step("someone-elses-token"));
    }

    @Test
    void theOutputHoldsTheInputsFilesAndABuildTxt() throws IOException {
        byte[] source = zip(Map.of("src/App.java", "class App {}", "build.txt", "old"));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("pipeline", "shop");
        facts.put("buildNumber", "7");

        byte[] output = BuildOutput.zip(List.of(new BuildOutput.Input("SourceArtifact", source)), facts);

        assertEquals(List.of("src/App.java", "build.txt"), BuildOutput.entries(output));
        assertEquals("pipeline=shop\nbuildNumber=7\n",
                new String(BuildOutput.read(output, "build.txt").orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void severalInputsGoBelowTheirNamesAndAFileThatIsNotAZipIsKeptWhole() throws IOException {
        byte[] a = zip(Map.of("README", "a"));
        byte[] raw = "just text".getBytes(StandardCharsets.UTF_8);

        byte[] output = BuildOutput.zip(List.of(new BuildOutput.Input("A", a), new BuildOutput.Input("Notes", raw)), Map.of());

        assertEquals(List.of("A/README", "Notes/Notes", "build.txt"), BuildOutput.entries(output));
        assertEquals("just text", new String(BuildOutput.read(output, "Notes/Notes").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(12, BuildOutput.shortDigest(raw).length());
    }
}
