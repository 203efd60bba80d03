package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.serverless.Py27Dict.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Python 2.7 dict SAM hashes API definitions with (values from CPython 2.7 / SAM's py27hash). */
class Py27DictTest {

    @Test
    void stringHashIsPython27s() {
        assertThat(Long.toUnsignedString(Py27Dict.hash("/{proxy+}"))).isEqualTo("8363552855103260203");
        assertThat(Long.toUnsignedString(Py27Dict.hash("/{proxy++}"))).isEqualTo("8650182651978602539");
        assertThat(Py27Dict.hash("")).isZero();
    }

    @Test
    void collidingKeysIterateByInsertionHistoryAndACopyCanReorderThem() {
        Py27Dict dict = new Py27Dict().putUnicode("/{proxy++}", 1).putUnicode("/{proxy+}", 2);
        assertThat(dict.keys()).containsExactly("/{proxy+}", "/{proxy++}");
        assertThat(dict.deepCopy().keys()).containsExactly("/{proxy++}", "/{proxy+}");
        assertThat(RestApiEvents.order(List.of("RestApiFunction", "GetHtmlFunction", "ServerlessRestApi")))
                .containsExactly("GetHtmlFunction", "RestApiFunction", "ServerlessRestApi");
    }

    @Test
    void strPrintsLikePythonWithUnicodeTemplateStrings() {
        Py27Dict dict = new Py27Dict().put("swagger", Text.plain("2.0")).putUnicode("/a", new Py27Dict()
                .put("n", 5).put("b", true).put("x", null).put("l", List.of(Text.unicode("it's"))));
        assertThat(Py27Dict.str(dict)).isEqualTo("{'swagger': '2.0', u'/a': {'x': None, 'b': True, 'l': [u\"it's\"], 'n': 5}}");
    }
}
