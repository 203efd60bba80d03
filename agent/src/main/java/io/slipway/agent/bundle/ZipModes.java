package io.slipway.agent.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The Unix modes a zip's central directory records for its entries. {@code java.util.zip} reads
 * the data but hides the external attributes, where zip tools keep the executable bit and mark
 * symbolic links.
 */
final class ZipModes {
    static final int TYPE_MASK = 0170000;
    static final int SYMLINK = 0120000;
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int UNIX = 3;

    private ZipModes() {
    }

    /** Entry name to its Unix mode (type and permission bits); entries made elsewhere are absent. */
    static Map<String, Integer> read(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tail = (int) Math.min(size, 22 + 0xffff + 20);
            ByteBuffer end = read(channel, size - tail, tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == EOCD) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new IOException("Not a zip archive (no end of central directory)");
            }
            long cdSize = Integer.toUnsignedLong(end.getInt(eocd + 12));
            long cdOffset = Integer.toUnsignedLong(end.getInt(eocd + 16));
            if ((cdOffset == 0xffffffffL || cdSize == 0xffffffffL) && eocd >= 20 && end.getInt(eocd - 20) == ZIP64_LOCATOR) {
                ByteBuffer zip64 = read(channel, end.getLong(eocd - 20 + 8), 56);
                if (zip64.getInt(0) != ZIP64_EOCD) {
                    throw new IOException("Not a zip archive (bad zip64 end of central directory)");
                }
                cdSize = zip64.getLong(40);
                cdOffset = zip64.getLong(48);
            }
            if (cdSize > Integer.MAX_VALUE || cdOffset + cdSize > size) {
                throw new IOException("Not a zip archive (central directory out of range)");
            }
            return modes(read(channel, cdOffset, (int) cdSize));
        }
    }

    private static Map<String, Integer> modes(ByteBuffer cd) throws IOException {
        Map<String, Integer> modes = new HashMap<>();
        int at = 0;
        while (at + 46 <= cd.limit() && cd.getInt(at) == CENTRAL_HEADER) {
            int madeBy = (cd.getShort(at + 4) >> 8) & 0xff;
            int nameLength = cd.getShort(at + 28) & 0xffff;
            int extraLength = cd.getShort(at + 30) & 0xffff;
            int commentLength = cd.getShort(at + 32) & 0xffff;
            int unixMode = (cd.getInt(at + 38) >>> 16) & 0xffff;
            if (at + 46 + nameLength > cd.limit()) {
                throw new IOException("Not a zip archive (truncated central directory)");
            }
            byte[] name = new byte[nameLength];
            cd.get(at + 46, name);
            if (madeBy == UNIX && unixMode != 0) {
                modes.put(new String(name, StandardCharsets.UTF_8), unixMode);
            }
            at += 46 + nameLength + extraLength + commentLength;
        }
        return modes;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("Not a zip archive (unexpected end)");
            }
        }
        return buffer.flip();
    }
}
