package io.slipway.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTailTest {

    private static void append(OutputTail tail, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        tail.append(bytes, 0, bytes.length);
    }

    @Test
    void keepsEverythingUpToTheLimit() {
        OutputTail tail = new OutputTail(8);
        append(tail, "abc");
        append(tail, "defgh");

        assertThat(tail.text()).isEqualTo("abcdefgh");
        assertThat(tail.section("stdout")).isEqualTo("\n--- stdout ---\nabcdefgh");
    }

    @Test
    void keepsTheLastBytesAcrossWrapsAndOversizedWrites() {
        OutputTail tail = new OutputTail(8);
        append(tail, "abcdef");
        append(tail, "ghij");
        assertThat(tail.text()).isEqualTo("cdefghij");

        append(tail, "0123456789xyz");
        assertThat(tail.text()).isEqualTo("56789xyz");
        assertThat(tail.total()).isEqualTo(23);
        assertThat(tail.section("stderr")).isEqualTo("\n--- stderr (last 8 of 23 bytes) ---\n56789xyz");
    }

    @Test
    void aDroppedHeadDoesNotLeaveHalfACharacter() {
        OutputTail tail = new OutputTail(4);
        tail.drain(new ByteArrayInputStream("xé€".getBytes(StandardCharsets.UTF_8))); // 1 + 2 + 3 bytes

        assertThat(tail.text()).isEqualTo("€"); // the é's second byte is skipped, not shown as U+FFFD
    }

    @Test
    void anEmptyStreamHasNoSection() {
        assertThat(new OutputTail().section("stdout")).isEmpty();
    }
}
