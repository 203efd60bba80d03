package io.slipway.agent.host;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One lifecycle event's script output: every entry appended, with a timestamp, to the deployment's
 * {@code logs/scripts.log}, and the last {@value #TAIL_CHARS} characters kept for the diagnostics.
 */
public final class ScriptLog implements Closeable {
    public static final int TAIL_CHARS = 4096;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final StringBuilder tail = new StringBuilder();
    private final BufferedWriter file;
    private final Clock clock;
    private final ZoneId zone = ZoneId.systemDefault();

    public ScriptLog(Path scriptsLog, Clock clock) throws IOException {
        Files.createDirectories(scriptsLog.getParent());
        this.file = Files.newBufferedWriter(scriptsLog, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.clock = clock;
    }

    /** Appends one entry; it should end with a newline. Scripts' two output streams call this at once. */
    public synchronized void append(String entry) {
        tail.append(entry);
        if (tail.length() > TAIL_CHARS) {
            tail.delete(0, tail.length() - TAIL_CHARS);
        }
        try {
            file.write(TIMESTAMP.format(clock.instant().atZone(zone)) + " " + entry);
            file.flush();
        } catch (IOException e) {
            // The diagnostics still carry the tail; a full disk must not fail the script.
            System.getLogger(ScriptLog.class.getName()).log(System.Logger.Level.WARNING, "Cannot write scripts.log: " + e.getMessage());
        }
    }

    /** The last {@value #TAIL_CHARS} characters appended. */
    public synchronized String tail() {
        return tail.toString();
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
