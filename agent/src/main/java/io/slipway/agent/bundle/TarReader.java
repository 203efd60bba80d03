package io.slipway.agent.bundle;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a tar stream entry by entry: ustar headers (with the name prefix), GNU long names
 * ({@code L}) and pax {@code path}/{@code size} records. Other entry kinds are reported with their
 * type flag for the caller to skip.
 */
final class TarReader {
    private static final int BLOCK = 512;
    private static final int MAX_META_BYTES = 1 << 20;

    /** One entry; {@code type} is the header's type flag. */
    record Entry(String name, char type, int mode, long size) {
        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        boolean isDirectory() {
            return type == '5';
        }

        boolean isLink() {
            return type == '1' || type == '2';
        }
    }

    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or empty at the end of the archive. */
    Optional<Entry> next() throws IOException {
        String longName = null;
        String paxPath = null;
        long paxSize = -1;
        while (true) {
            skipRest();
            byte[] header = in.readNBytes(BLOCK);
            if (header.length == 0 || isZero(header)) {
                return Optional.empty();
            }
            if (header.length < BLOCK) {
                throw new EOFException("The tar archive ends inside a header");
            }
            checkChecksum(header);
            char type = (char) header[156];
            long size = number(header, 124, 12);
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            switch (type) {
                case 'L' -> longName = cString(meta(size), 0, (int) size);
                case 'x' -> {
                    String records = new String(meta(size), StandardCharsets.UTF_8);
                    for (String record : records.split("\n")) {
                        int space = record.indexOf(' ');
                        int eq = record.indexOf('=');
                        if (space > 0 && eq > space) {
                            String key = record.substring(space + 1, eq);
                            String value = record.substring(eq + 1);
                            if (key.equals("path")) {
                                paxPath = value;
                            } else if (key.equals("size")) {
                                paxSize = Long.parseLong(value);
                            }
                        }
                    }
                }
                case 'K', 'g' -> meta(size); // link targets and global pax records change nothing here
                default -> {
                    if (paxSize >= 0) {
                        remaining = paxSize;
                        padding = (BLOCK - paxSize % BLOCK) % BLOCK;
                    }
                    String name = longName != null ? longName : paxPath != null ? paxPath : headerName(header);
                    return Optional.of(new Entry(name, type, (int) number(header, 100, 8), remaining));
                }
            }
        }
    }

    /** The current entry's data; reading it is optional, {@link #next()} skips what is left. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("The tar archive ends inside an entry");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private byte[] meta(long size) throws IOException {
        if (size > MAX_META_BYTES) {
            throw new IOException("The tar archive has an extended header of " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("The tar archive ends inside an extended header");
        }
        remaining = 0;
        return data;
    }

    private void skipRest() throws IOException {
        in.skipNBytes(remaining + padding);
        remaining = 0;
        padding = 0;
    }

    private static String headerName(byte[] header) {
        String name = cString(header, 0, 100);
        boolean posix = new String(header, 257, 6, StandardCharsets.US_ASCII).equals("ustar\0");
        String prefix = posix ? cString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static void checkChecksum(byte[] header) throws IOException {
        long recorded = number(header, 148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (recorded != unsigned && recorded != signed) {
            throw new IOException("Not a tar archive (bad header checksum)");
        }
    }

    /** An octal field, or a base-256 one (GNU, for sizes over 8 GiB) when its first bit is set. */
    private static long number(byte[] header, int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x7f;
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (header[offset + i] & 0xff);
            }
            return value;
        }
        String text = cString(header, offset, length).strip();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException("Not a tar archive (bad number '" + text + "')");
        }
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
