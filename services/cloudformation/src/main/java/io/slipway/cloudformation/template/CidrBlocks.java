package io.slipway.cloudformation.template;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fn::Cidr: consecutive subnets of an address block, each with {@code cidrBits} host bits, for IPv4
 * and IPv6 alike (addresses are handled as unsigned integers of 32 or 128 bits).
 */
final class CidrBlocks {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern BLOCK = Pattern.compile("([0-9a-fA-F.:]+)/([0-9]{1,3})");

    private CidrBlocks() {
    }

    static List<String> of(String ipBlock, int count, int cidrBits) {
        var matcher = BLOCK.matcher(ipBlock);
        if (!matcher.matches()) {
            throw invalid("'" + ipBlock + "' is not a CIDR block");
        }
        byte[] address = address(matcher.group(1), ipBlock);
        int width = address.length * 8;
        int prefix = Integer.parseInt(matcher.group(2));
        if (prefix > width) {
            throw invalid("'" + ipBlock + "' is not a CIDR block");
        }
        if (count < 1 || count > 256) {
            throw invalid("count must be between 1 and 256");
        }
        int subnetPrefix = width - cidrBits;
        if (cidrBits < 0 || subnetPrefix < prefix) {
            throw invalid("cidrBits " + cidrBits + " does not fit in " + ipBlock);
        }
        if (BigInteger.valueOf(count).compareTo(BigInteger.ONE.shiftLeft(subnetPrefix - prefix)) > 0) {
            throw invalid(ipBlock + " holds fewer than " + count + " subnets of /" + subnetPrefix);
        }
        BigInteger network = new BigInteger(1, address).shiftRight(width - prefix).shiftLeft(width - prefix);
        List<String> subnets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger start = network.add(BigInteger.valueOf(i).shiftLeft(cidrBits));
            subnets.add(text(start, address.length) + "/" + subnetPrefix);
        }
        return subnets;
    }

    private static byte[] address(String text, String ipBlock) {
        if (IPV4.matcher(text).matches()) {
            byte[] address = new byte[4];
            String[] octets = text.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    throw invalid("'" + ipBlock + "' is not a CIDR block");
                }
                address[i] = (byte) octet;
            }
            return address;
        }
        // With a colon InetAddress reads an IPv6 literal and never looks a host name up.
        try {
            if (text.contains(":")) {
                return InetAddress.getByName(text).getAddress();
            }
        } catch (UnknownHostException e) {
            // reported below
        }
        throw invalid("'" + ipBlock + "' is not a CIDR block");
    }

    private static String text(BigInteger value, int bytes) {
        byte[] raw = value.toByteArray();
        byte[] address = new byte[bytes];
        int copy = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - copy, address, bytes - copy, copy);
        if (bytes == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        return ipv6(address);
    }

    /** RFC 5952 text: lower-case groups without leading zeros, the longest run of two or more zero groups as "::". */
    private static String ipv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static TemplateException invalid(String detail) {
        return TemplateException.error("Fn::Cidr " + detail);
    }
}
