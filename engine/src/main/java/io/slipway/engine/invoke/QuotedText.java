package io.slipway.engine.invoke;

import java.util.ArrayList;
import java.util.List;

/**
 * Simple shell-like quoting for configuration values: inside '...' or "..." every character is
 * literal (no escapes, no variables), so Windows paths and JSON fragments survive unchanged.
 */
final class QuotedText {

    private QuotedText() {
    }

    /**
     * Splits {@code SLIPWAY_FUNCTIONS} on ';' outside quotes, keeping the quotes for the command
     * parser, so {@code command:sh -c 'a; b'} stays one entry. Blank entries are dropped, which
     * allows a trailing ';'.
     */
    static List<String> splitEntries(String value) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote == 0 && c == ';') {
                addIfNotBlank(entries, current);
                current.setLength(0);
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            current.append(c);
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated " + quote + " quote in: " + value);
        }
        addIfNotBlank(entries, current);
        return entries;
    }

    /** Splits a command line into words on whitespace; quoted parts join the word they touch. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false; // a word may be empty: '' is an argument
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated " + quote + " quote in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static void addIfNotBlank(List<String> entries, StringBuilder entry) {
        String s = entry.toString().strip();
        if (!s.isEmpty()) {
            entries.add(s);
        }
    }
}
