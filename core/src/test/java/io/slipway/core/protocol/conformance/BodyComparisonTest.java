package io.slipway.core.protocol.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The conformance test is only as strict as its comparisons: they must see real differences. */
class BodyComparisonTest {

    @Test
    void xmlIgnoresWhitespaceSiblingOrderAndWhatAFixedBodyCannotKnow() throws Exception {
        String expected = "<ErrorResponse>\n  <Error><Code>X</Code><Type>Sender</Type></Error>\n"
                + "  <RequestId>foo-id</RequestId>\n</ErrorResponse>";
        String actual = "<ErrorResponse xmlns=\"https://example.com/\"><Error><Type>Sender</Type><Code>X</Code>"
                + "</Error><RequestId>4a1b</RequestId></ErrorResponse>";
        assertThat(BodyComparison.xml(expected, actual)).isEmpty();
        assertThat(BodyComparison.xml("<R><A>1</A></R>", "<R><A>1</A><ResponseMetadata><RequestId>x</RequestId>"
                + "</ResponseMetadata></R>")).isEmpty();
    }

    @Test
    void xmlSeesTextNamesNamespacesAndItemOrder() throws Exception {
        assertThat(BodyComparison.xml("<R><A>1</A></R>", "<R><A>2</A></R>")).isPresent();
        assertThat(BodyComparison.xml("<R><A>1</A></R>", "<R><B>1</B></R>")).isPresent();
        assertThat(BodyComparison.xml("<R><A>1</A></R>", "<R><A>1</A><A>1</A></R>")).isPresent();
        assertThat(BodyComparison.xml("<R><L><m>1</m><m>2</m></L></R>", "<R><L><m>2</m><m>1</m></L></R>")).isPresent();
        assertThat(BodyComparison.xml("<R><A xmlns=\"urn:a\">1</A></R>", "<R><A>1</A></R>")).isPresent();
        assertThat(BodyComparison.xml("<R xmlns=\"urn:a\"><A>1</A></R>", "<R xmlns=\"urn:b\"><A>1</A></R>")).isPresent();
    }

    @Test
    void jsonComparesValuesNotSpelling() throws Exception {
        assertThat(BodyComparison.json("{\"a\":1.5,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1.50}")).isEmpty();
        assertThat(BodyComparison.json("{\"a\":1}", "{\"a\":1,\"message\":\"x\"}")).isPresent();
        assertThat(BodyComparison.json("{\"b\":[1,2]}", "{\"b\":[2,1]}")).isPresent();
    }
}
