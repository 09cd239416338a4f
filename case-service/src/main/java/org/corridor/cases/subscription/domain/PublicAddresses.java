package org.corridor.cases.subscription.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Whether an address is on the public internet, so that a webhook cannot be aimed at the service's own network:
 * loopback, private (RFC 1918), shared (100.64/10), link-local (cloud metadata lives there), unique-local,
 * multicast, unspecified and reserved addresses are not, nor an IPv6 address that embeds one of those IPv4 ones
 * (IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16).
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    public static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        if (address instanceof Inet6Address && !isLocalOrMulticast(address)) {
            int first = bytes[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // unique-local fc00::/7
            }
            if (first == 0x20 && bytes[1] == 0x02) {
                return isPublicIpv4(Arrays.copyOfRange(bytes, 2, 6));
            }
            if (startsWith(bytes, new byte[]{0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})
                    || startsWith(bytes, new byte[12])) {
                return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16));
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicIpv4(byte[] bytes) {
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        try {
            if (isLocalOrMulticast(InetAddress.getByAddress(bytes))) {
                return false;
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return first != 0                                      // "this network" 0/8
                && !(first == 100 && (second & 0xc0) == 64)    // shared address space 100.64/10
                && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments 192.0.0/24
                && !(first == 198 && (second & 0xfe) == 18)    // benchmarking 198.18/15
                && first < 240;                                // reserved 240/4 and broadcast
    }

    private static boolean isLocalOrMulticast(InetAddress address) {
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
