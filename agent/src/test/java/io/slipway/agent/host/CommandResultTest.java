package io.slipway.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CommandResultTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rendersTheOfficialDiagnostics() throws Exception {
        CommandResult result = CommandResult.failed(new CommandFailure(ErrorCode.SCRIPT_TIMED_OUT, "scripts/a.sh",
                "Script at specified location: scripts/a.sh failed to complete in 5 seconds"), "[stdout]hi\n");

        JsonNode payload = JSON.readTree(result.diagnosticsPayload());

        assertThat(result.commandStatus()).isEqualTo("Failed");
        assertThat(payload.path("error_code").asInt()).isEqualTo(3);
        assertThat(payload.path("script_name").asText()).isEqualTo("scripts/a.sh");
        assertThat(payload.path("message").asText()).isEqualTo("Script at specified location: scripts/a.sh failed to complete in 5 seconds");
        assertThat(payload.path("log").asText()).isEqualTo("[stdout]hi\n");
    }

    @Test
    void staysWithinThePayloadLimitWhenTheLogIsAllEscapes() throws Exception {
        String log = "\u0001\"".repeat(2048); // 4096 characters that JSON writes as up to 6 each

        String payload = CommandResult.succeeded(log).diagnosticsPayload();

        assertThat(payload.length()).isLessThanOrEqualTo(CommandResult.MAX_PAYLOAD);
        assertThat(log).endsWith(JSON.readTree(payload).path("log").asText());
    }
}
