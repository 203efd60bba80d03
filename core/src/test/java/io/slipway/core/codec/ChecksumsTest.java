package io.slipway.core.codec;

import io.slipway.core.codec.Checksums.Algorithm;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChecksumsTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void catalogueCheckValuesOf123456789() {
        Checksums sums = Checksums.of(EnumSet.allOf(Algorithm.class));
        sums.update(CHECK, 0, CHECK.length);
        assertThat(sums.hex(Algorithm.CRC32)).isEqualTo("cbf43926");
        assertThat(sums.hex(Algorithm.CRC32C)).isEqualTo("e3069283");
        // CRC-64/NVME check value from the CRC catalogue (reveng), as S3's CRC64NVME
        assertThat(sums.hex(Algorithm.CRC64NVME)).isEqualTo("ae8b14860a799888");
        assertThat(sums.hex(Algorithm.SHA1)).isEqualTo("f7c3bc1d808e04732adf679965ccc34ca7ae3441");
        assertThat(sums.hex(Algorithm.SHA256))
                .isEqualTo("15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225");
        assertThat(sums.md5Hex()).isEqualTo("25f9e794323b453885f5181f1b624d0b");
    }

    @Test
    void base64IsOfTheBigEndianValueAsInS3Headers() {
        assertThat(Checksums.base64(Algorithm.CRC32, CHECK)).isEqualTo("y/Q5Jg==");
        assertThat(Checksums.base64(Algorithm.CRC64NVME, CHECK)).isEqualTo("rosUhgp5mIg=");
        assertThat(Checksums.base64(Algorithm.CRC32, new byte[0])).isEqualTo("AAAAAA==");
        assertThat(Checksums.base64(Algorithm.CRC64NVME, new byte[0])).isEqualTo("AAAAAAAAAAA=");
        assertThat(Checksums.base64(Algorithm.MD5, new byte[0])).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg==");
        assertThat(Checksums.base64(Algorithm.SHA256, new byte[0]))
                .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void teesComputeEveryAlgorithmWhileCopying() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        CRC32C crc32c = new CRC32C();
        crc32c.update(data);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));

        Checksums reading = Checksums.of(Algorithm.MD5, Algorithm.CRC32C, Algorithm.CRC64NVME);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (InputStream in = reading.tee(new ByteArrayInputStream(data))) {
            assertThat(in.read()).isEqualTo(data[0] & 0xff);
            assertThat(in.skip(1000)).isEqualTo(1000);
            copy.write(data, 0, 1001);
            in.transferTo(copy);
        }
        assertThat(copy.toByteArray()).isEqualTo(data);
        assertThat(reading.md5Hex()).isEqualTo(md5);
        assertThat(reading.hex(Algorithm.CRC32C)).isEqualTo(String.format("%08x", crc32c.getValue()));

        Checksums writing = Checksums.of(Algorithm.CRC64NVME);
        try (OutputStream out = writing.tee(OutputStream.nullOutputStream())) {
            out.write(data[0]);
            for (int off = 1; off < data.length; off += 65536) {
                out.write(data, off, Math.min(65536, data.length - off));
            }
        }
        assertThat(writing.base64(Algorithm.CRC64NVME)).isEqualTo(reading.base64(Algorithm.CRC64NVME));
        assertThat(writing.algorithms()).containsExactly(Algorithm.CRC64NVME);
    }

    @Test
    void valuesAreFinalOnceRead() {
        Checksums sums = Checksums.of(Algorithm.CRC32);
        sums.update(CHECK, 0, 4);
        sums.update(CHECK, 4, CHECK.length - 4);
        assertThat(sums.hex(Algorithm.CRC32)).isEqualTo("cbf43926").isEqualTo(sums.hex(Algorithm.CRC32));
        assertThatThrownBy(() -> sums.update(CHECK, 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sums.value(Algorithm.SHA1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void algorithmsByS3NameAndHeader() {
        assertThat(Algorithm.ofName("crc64nvme")).contains(Algorithm.CRC64NVME);
        assertThat(Algorithm.ofName("SHA256")).contains(Algorithm.SHA256);
        assertThat(Algorithm.ofName("crc16")).isEmpty();
        assertThat(Algorithm.ofHeader("X-Amz-Checksum-CRC32C")).contains(Algorithm.CRC32C);
        assertThat(Algorithm.CRC32.header()).isEqualTo("x-amz-checksum-crc32");
    }
}
