package io.slipway.lambda.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationLogTest {

    @Test
    void tailIsStartOutputAndClosingLines() {
        String tail = InvocationLog.tail("START RequestId: r", "printed".getBytes(StandardCharsets.UTF_8), "END RequestId: r");

        assertThat(tail).isEqualTo("START RequestId: r\nprinted\nEND RequestId: r\n");
    }

    @Test
    void longOutputKeepsItsEndAndTheWholeClosingLines() {
        byte[] output = ("é".repeat(5000) + "last words\n").getBytes(StandardCharsets.UTF_8);
        String closing = "END RequestId: r\nREPORT RequestId: r\tDuration: 1.00 ms";

        String tail = InvocationLog.tail("START RequestId: r", output, closing);

        assertThat(tail.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(InvocationLog.TAIL_BYTES);
        assertThat(tail).doesNotStartWith("START").doesNotContain("\uFFFD").endsWith("last words\n" + closing + "\n");
    }

    @Test
    void sinceReadsOnlyWhatFollowsTheMarkAndAtMostTheLimit(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("out.log"), "earlier invocation\n");
        InvocationLog log = new InvocationLog(file);
        long mark = log.size();
        Files.writeString(file, "this one\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(new String(log.since(mark, 100), StandardCharsets.UTF_8)).isEqualTo("this one\n");
        assertThat(new String(log.since(0, 4), StandardCharsets.UTF_8)).isEqualTo("one\n");
    }

    @Test
    void aMissingFileIsAnEmptyLog(@TempDir Path dir) {
        InvocationLog log = new InvocationLog(dir.resolve("absent.log"));

        assertThat(log.size()).isZero();
        assertThat(log.since(0, 10)).isEmpty();
    }
}
