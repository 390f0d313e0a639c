package dev.hookline.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv6 forms that reach IPv4 or tunnel elsewhere: refused on save and at connect, public ones still allowed. */
class TargetPolicyTest {
    private final TargetPolicy policy = new TargetPolicy(false);

    @ParameterizedTest
    @ValueSource(strings = {
            "64:ff9b::7f00:1",        // NAT64 of 127.0.0.1
            "64:ff9b::a00:1",         // NAT64 of 10.0.0.1
            "64:ff9b::a9fe:a9fe",     // NAT64 of 169.254.169.254
            "64:ff9b:1::a00:1",       // local-use NAT64: refused whatever it embeds
            "64:ff9b:1::808:808",
            "::127.0.0.1",            // IPv4-compatible
            "::10.1.2.3",
            "::0.0.0.2",
            "2002:7f00:1::",          // 6to4 of 127.0.0.1
            "2002:c0a8:101::1",       // 6to4 of 192.168.1.1
            "2001::1",                // Teredo: refused outright
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "::ffff:127.0.0.1",
            "::1", "fd00::1", "fe80::1"})
    void internalFormsAreRefusedOnSave(String literal) throws Exception {
        assertThat(TargetPolicy.isInternal(InetAddress.getByName(literal))).as(literal).isTrue();
        assertThat(policy.problemWith("http://[" + literal + "]:8080/hook")).as(literal).contains("internal address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::808:808", "::8.8.8.8", "2002:808:808::1", "2606:4700::1111", "2001:db9::1"})
    void publicFormsStayAllowed(String literal) throws Exception {
        assertThat(TargetPolicy.isInternal(InetAddress.getByName(literal))).as(literal).isFalse();
        assertThat(policy.problemWith("https://[" + literal + "]/hook")).as(literal).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::7f00:1", "::10.1.2.3", "2002:a00:1::", "2001::1", "64:ff9b:1::1"})
    void aNameResolvingToAnInternalFormIsRefusedAtConnect(String literal) throws Exception {
        InetAddress address = InetAddress.getByName(literal);
        SocketAddressResolver dns = new FixedAnswer(address);
        Throwable failure = resolve(new GuardedResolver(dns, false), "hooks.example.com");
        assertThat(failure).isInstanceOf(UnknownHostException.class).hasMessageContaining("internal address");
        assertThat(resolve(new GuardedResolver(dns, true), "hooks.example.com")).as("allowed when private targets are").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::808:808", "2606:4700::1111"})
    void aNameResolvingToAPublicFormConnects(String literal) throws Exception {
        assertThat(resolve(new GuardedResolver(new FixedAnswer(InetAddress.getByName(literal)), false), "hooks.example.com")).isNull();
    }

    /** Resolves {@code host}; returns the failure, or null when it resolved. */
    private static Throwable resolve(SocketAddressResolver resolver, String host) throws Exception {
        CompletableFuture<List<InetSocketAddress>> out = new CompletableFuture<>();
        resolver.resolve(host, 443, new HashMap<>(), Promise.from(out::complete, out::completeExceptionally));
        try {
            out.get(5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** A resolver that answers every name with one address, as a DNS server re-pointed at it would. */
    private record FixedAnswer(InetAddress address) implements SocketAddressResolver {
        @Override
        public void resolve(String host, int port, java.util.Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
            promise.succeeded(List.of(new InetSocketAddress(address, port)));
        }
    }
}
