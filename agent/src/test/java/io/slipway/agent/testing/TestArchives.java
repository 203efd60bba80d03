package io.slipway.agent.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zip, tar and tgz bundles byte by byte, hostile entries included, for the unpacking tests. */
public final class TestArchives {
    private TestArchives() {
    }

    /** One archive entry; {@code type} is the tar type flag ('0' file, '5' directory, '2' symlink, '1' hard link). */
    public record Entry(String name, byte[] content, int mode, char type, String linkName) {
    }

    public static Entry file(String name, String content, int mode) {
        return new Entry(name, content.getBytes(StandardCharsets.UTF_8), mode, '0', "");
    }

    public static Entry directory(String name) {
        return new Entry(name.endsWith("/") ? name : name + "/", new byte[0], 0755, '5', "");
    }

    public static Entry symlink(String name, String target) {
        return new Entry(name, target.getBytes(StandardCharsets.UTF_8), 0777, '2', target);
    }

    public static Entry hardlink(String name, String target) {
        return new Entry(name, new byte[0], 0644, '1', target);
    }

    /** A zip made "on Unix": each entry's mode in the central directory's external attributes. */
    public static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.name()));
                zip.write(e.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer zip = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.limit() - 22;
        int at = zip.getInt(eocd + 16);
        for (Entry e : entries) {
            int typeBits = switch (e.type()) {
                case '5' -> 0040000;
                case '2' -> 0120000;
                default -> 0100000;
            };
            zip.putShort(at + 4, (short) ((3 << 8) | 20));
            zip.putInt(at + 38, (typeBits | e.mode()) << 16);
            at += 46 + (zip.getShort(at + 28) & 0xffff) + (zip.getShort(at + 30) & 0xffff) + (zip.getShort(at + 32) & 0xffff);
        }
        return zip.array();
    }

    /** A ustar archive; names over 100 bytes get a GNU long-name entry, as GNU tar writes them. */
    public static byte[] tar(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            if (name.length > 100) {
                byte[] longName = (e.name() + "\0").getBytes(StandardCharsets.UTF_8);
                writeEntry(out, "././@LongLink", 0644, 'L', "", longName);
            }
            writeEntry(out, e.name(), e.mode(), e.type(), e.linkName(), e.type() == '0' ? e.content() : new byte[0]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** A tar whose one entry's name comes from a pax extended header, as pax-format archives carry long names. */
    public static byte[] paxTar(String name, String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String line = lengthPrefixed(" path=" + name + "\n");
        writeEntry(out, "PaxHeaders/x", 0644, 'x', "", line.getBytes(StandardCharsets.UTF_8));
        writeEntry(out, "short-name-ignored", 0644, '0', "", content.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String lengthPrefixed(String record) {
        int length = record.length();
        while (String.valueOf(length).length() + record.length() != length) {
            length = String.valueOf(length).length() + record.length();
        }
        return length + record;
    }

    private static void writeEntry(ByteArrayOutputStream out, String name, int mode, char type, String linkName, byte[] data) {
        byte[] header = new byte[512];
        put(header, 0, 100, name);
        put(header, 100, 8, String.format("%07o", mode));
        put(header, 108, 8, "0000000");
        put(header, 116, 8, "0000000");
        put(header, 124, 12, String.format("%011o", data.length));
        put(header, 136, 12, String.format("%011o", 1_700_000_000L));
        header[156] = (byte) type;
        put(header, 157, 100, linkName);
        put(header, 257, 6, "ustar");
        put(header, 263, 2, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, 8, String.format("%06o", sum));
        header[155] = ' ';
        out.writeBytes(header);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, Math.min(length, bytes.length));
    }
}
