package dev.hookline.net;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Name resolution for outgoing webhooks that refuses internal addresses at connect time, so a
 * public name that resolves (or is re-pointed) to 127.0.0.1, 10.x or 169.254.169.254 cannot be
 * used to reach the hub's own network. Off when private targets are allowed.
 */
public final class GuardedResolver implements SocketAddressResolver {
    private final SocketAddressResolver delegate;
    private final boolean allowPrivate;

    public GuardedResolver(SocketAddressResolver delegate, boolean allowPrivate) {
        this.delegate = delegate;
        this.allowPrivate = allowPrivate;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        delegate.resolve(host, port, context, new Promise<>() {
            @Override
            public void succeeded(List<InetSocketAddress> addresses) {
                if (!allowPrivate) {
                    for (InetSocketAddress a : addresses) {
                        if (a.getAddress() == null || TargetPolicy.isInternal(a.getAddress())) {
                            promise.failed(new UnknownHostException(host + " resolves to an internal address ("
                                    + (a.getAddress() == null ? "unresolved" : a.getAddress().getHostAddress()) + "), refused"));
                            return;
                        }
                    }
                }
                promise.succeeded(addresses);
            }

            @Override
            public void failed(Throwable x) {
                promise.failed(x);
            }
        });
    }
}
