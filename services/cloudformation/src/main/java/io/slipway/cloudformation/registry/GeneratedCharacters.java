package io.slipway.cloudformation.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The generated parts of recorded resources' ids: {@code {hexN}}, {@code {lowerN}}, {@code {upperN}},
 * {@code {alnumN}}, {@code {dN}} (N characters of the alphabet), {@code {uuid}} (a version-4 form),
 * {@code {ip}} (the documentation range 198.51.100.0/24, never a real host), {@code {privateip}},
 * {@code {stamp}} and {@code {revision}}. Each is drawn from a SHA-256 of its seed, so the same
 * seed always draws the same characters.
 */
final class GeneratedCharacters {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String HEX = "0123456789abcdef";
    private static final String DIGITS = "0123456789";

    private GeneratedCharacters() {
    }

    /** The characters {@code token} stands for, drawn from {@code seed}; null when it is no token. */
    static String draw(String seed, String token, int revision) {
        byte[] h = sha256(seed);
        switch (token) {
            case "uuid" -> {
                String hex = characters(h, HEX, 32);
                return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-"
                        + "89ab".charAt(h[20] & 3) + hex.substring(17, 20) + "-" + hex.substring(20, 32);
            }
            case "ip" -> {
                return "198.51.100." + (1 + (h[0] & 0xff) % 254); // the documentation range: never a real host
            }
            case "privateip" -> {
                return "10.0." + (h[0] & 0xff) + "." + (1 + (h[1] & 0xff) % 254);
            }
            case "stamp" -> {
                // a time in 2026 drawn from the seed: AWS stamps the creation time, which a retry could not repeat
                java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z")
                        .plusMillis(Math.floorMod(java.nio.ByteBuffer.wrap(h).getLong(), 365L * 86_400_000L));
                return at.toString().replace("Z", "").substring(0, 23);
            }
            case "revision" -> {
                return Integer.toString(revision);
            }
            default -> {
            }
        }
        int digits = 0;
        while (digits < token.length() && !Character.isDigit(token.charAt(digits))) {
            digits++;
        }
        if (digits == token.length() || digits == 0) {
            return null;
        }
        int length = Integer.parseInt(token.substring(digits));
        String alphabet = switch (token.substring(0, digits)) {
            case "hex" -> HEX;
            case "lower" -> LOWER;
            case "upper" -> UPPER;
            case "alnum" -> ALNUM;
            case "d" -> DIGITS;
            default -> null;
        };
        return alphabet == null ? null : characters(h, alphabet, length);
    }

    private static String characters(byte[] first, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        byte[] h = first;
        for (int i = 0; i < length; i++) {
            if (i > 0 && i % 32 == 0) {
                h = sha256(new String(h, StandardCharsets.ISO_8859_1) + i);
            }
            sb.append(alphabet.charAt((h[i % 32] & 0xff) % alphabet.length()));
        }
        return sb.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
