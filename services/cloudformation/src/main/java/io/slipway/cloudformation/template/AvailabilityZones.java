package io.slipway.cloudformation.template;

import java.util.List;
import java.util.Map;

/**
 * What Fn::GetAZs answers: the zones of a region as a new account sees them (an account with its
 * default VPC, whose every zone has a default subnet), from AWS's published zone lists. Zone letters
 * map to physical zones per account, and some regions show an account fewer zones than they have
 * (us-west-1 shows two); this table is one such account's view. A region not listed answers zones
 * a, b and c (ours).
 */
final class AvailabilityZones {
    private static final Map<String, String> LETTERS = Map.ofEntries(
            Map.entry("us-east-1", "abcdef"), Map.entry("us-east-2", "abc"), Map.entry("us-west-1", "ac"),
            Map.entry("us-west-2", "abcd"), Map.entry("ca-central-1", "abd"), Map.entry("ca-west-1", "abc"),
            Map.entry("sa-east-1", "abc"), Map.entry("eu-west-1", "abc"), Map.entry("eu-west-2", "abc"),
            Map.entry("eu-west-3", "abc"), Map.entry("eu-central-1", "abc"), Map.entry("eu-central-2", "abc"),
            Map.entry("eu-north-1", "abc"), Map.entry("eu-south-1", "abc"), Map.entry("eu-south-2", "abc"),
            Map.entry("ap-northeast-1", "acd"), Map.entry("ap-northeast-2", "abcd"), Map.entry("ap-northeast-3", "abc"),
            Map.entry("ap-southeast-1", "abc"), Map.entry("ap-southeast-2", "abc"), Map.entry("ap-southeast-3", "abc"),
            Map.entry("ap-southeast-4", "abc"), Map.entry("ap-south-1", "abc"), Map.entry("ap-south-2", "abc"),
            Map.entry("ap-east-1", "abc"), Map.entry("me-south-1", "abc"), Map.entry("me-central-1", "abc"),
            Map.entry("il-central-1", "abc"), Map.entry("af-south-1", "abc"), Map.entry("cn-north-1", "ab"),
            Map.entry("cn-northwest-1", "abc"), Map.entry("us-gov-west-1", "abc"), Map.entry("us-gov-east-1", "abc"));

    private AvailabilityZones() {
    }

    static List<String> of(String region) {
        String letters = LETTERS.getOrDefault(region, "abc");
        return letters.chars().mapToObj(c -> region + (char) c).toList();
    }
}
