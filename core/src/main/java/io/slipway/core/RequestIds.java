package io.slipway.core;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids in the UUID form AWS uses, made without SecureRandom's lock on the hot path. */
public final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] c = new char[36];
        int p = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                c[p++] = '-';
            }
            long word = i < 16 ? hi : lo;
            int shift = (15 - (i % 16)) * 4;
            c[p++] = HEX[(int) ((word >>> shift) & 0xF)];
        }
        return new String(c);
    }
}
