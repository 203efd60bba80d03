package io.slipway.cloudformation.resource;

import io.slipway.core.Namespace;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhysicalNamesTest {
    private static final String STACK_ID = "arn:aws:cloudformation:eu-west-1:111122223333:stack/shop/1";

    private static ResourceRequest request(String stackName, String stackId, String logicalId) {
        return new ResourceRequest(new Namespace("111122223333", "eu-west-1"), stackName, stackId, logicalId,
                "AWS::S3::Bucket", Map.of(), Map.of());
    }

    @Test
    void stackNameLogicalIdAndThirteenUppercaseAlphanumerics() {
        assertThat(PhysicalNames.generate(request("shop", STACK_ID, "Site"), 64)).matches("shop-Site-[A-Z0-9]{13}");
    }

    @Test
    void theSameStackAndLogicalIdAlwaysGiveTheSameName() {
        String name = PhysicalNames.generate(request("shop", STACK_ID, "Site"), 64);
        assertThat(PhysicalNames.generate(request("shop", STACK_ID, "Site"), 64)).isEqualTo(name);
        assertThat(PhysicalNames.generate(request("shop", STACK_ID + "0", "Site"), 64)).as("another stack of the same name")
                .isNotEqualTo(name);
        assertThat(PhysicalNames.generate(request("shop", STACK_ID, "Site2"), 64)).doesNotStartWith(name.substring(0, 10));
    }

    @Test
    void aReplacementGetsANameOfItsOwnThatIsStableToo() {
        ResourceRequest r = request("shop", STACK_ID, "Site");
        String old = PhysicalNames.generate(r, 64);
        String replacement = PhysicalNames.replacement(r, old, 64);
        assertThat(replacement).isNotEqualTo(old).matches("shop-Site-[A-Z0-9]{13}")
                .isEqualTo(PhysicalNames.replacement(r, old, 64));
        assertThat(PhysicalNames.replacement(r, replacement, 64)).isNotIn(old, replacement);
    }

    @Test
    void longNamesAreCutToTheLimitKeepingTheWholeSuffix() {
        String stack = "a-very-long-stack-name-that-goes-on-and-on-for-a-while";
        String logical = "AnEquallyLongLogicalIdentifierForTheBucket";
        String name = PhysicalNames.generate(request(stack, STACK_ID, logical), 63);
        assertThat(name).hasSize(63).startsWith("a-very").contains("-AnEqually").matches(".*-[A-Z0-9]{13}");
        assertThat(PhysicalNames.generate(request("s", STACK_ID, logical + logical), 30)).hasSize(30)
                .startsWith("s-AnEqually");
    }

    @Test
    void aLimitTooShortForTheSuffixIsABug() {
        assertThatThrownBy(() -> PhysicalNames.generate(request("s", STACK_ID, "L"), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
