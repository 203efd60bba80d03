package io.slipway.cloudformation.template.serverless;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SAM's hash input written as Python's json.dumps writes it (the expected texts and digest are Python's). */
class SamHashesTest {

    @ParameterizedTest
    @CsvSource({"1.0,1.0", "0.5,0.5", "0.00001,1e-05", "0.000015,1.5e-05", "1e16,1e+16",
            "12345678901234567.0,1.2345678901234568e+16", "123.456,123.456", "-0.25,-0.25", "100,100.0"})
    void floatsAsPythonWritesThem(double value, String python) {
        assertThat(SamHashes.pythonFloat(value)).isEqualTo(python);
    }

    @Test
    void sortedCompactAsciiJsonAndItsDigest() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("B", "2");
        variables.put("A", "\"q\"\n");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("S3Bucket", "b");
        data.put("S3Key", "k/\u00e9.zip");
        data.put("MemorySize", 128);
        data.put("Variables", variables);
        data.put("F", 1.5);
        data.put("T", true);
        data.put("N", null);
        data.put("L", Arrays.asList(1, "x"));
        assertThat(SamHashes.json(data)).isEqualTo("{\"F\":1.5,\"L\":[1,\"x\"],\"MemorySize\":128,\"N\":null,"
                + "\"S3Bucket\":\"b\",\"S3Key\":\"k/\\u00e9.zip\",\"T\":true,\"Variables\":{\"A\":\"\\\"q\\\"\\n\",\"B\":\"2\"}}");
        assertThat(SamHashes.suffix(data)).isEqualTo("c906c25e6d");
        assertThat(SamHashes.suffix(Map.of())).isEmpty();
        assertThat(SamHashes.suffix(List.of())).isEmpty();
    }
}
