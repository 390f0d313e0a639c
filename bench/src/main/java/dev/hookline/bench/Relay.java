package dev.hookline.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The least any hub on this stack can do per call: take a POST on a plain Jetty handler, start
 * forwarding its body to one URL with Jetty's client, and answer 201 — no parsing, storage,
 * signing or retries. Run as its own process like the hub ({@code -Xmx256m}); its rate is the
 * ceiling for two HTTP exchanges per call on this machine, against which the hub's own cost shows.
 */
final class Relay {
    private static final ByteBuffer CREATED = ByteBuffer.wrap("{\"relayed\":true}".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    /** Forwards in flight at most; further calls wait for one, as the hub's per-host slots make them. */
    private static final int FORWARDS_IN_FLIGHT = 64;

    private Relay() {}

    public static void main(String[] args) throws Exception {
        String target = args[0];
        HttpClient client = new HttpClient();
        client.setMaxConnectionsPerDestination(FORWARDS_IN_FLIGHT);
        client.start();
        Semaphore slots = new Semaphore(FORWARDS_IN_FLIGHT);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body = Content.Source.asByteBuffer(request).array();
                slots.acquire();
                client.newRequest(target).method("POST").body(new BytesRequestContent("application/json", body))
                        .send(result -> slots.release());
                response.setStatus(201);
                response.write(true, CREATED.duplicate(), callback);
                return true;
            }
        });
        server.start();
        System.out.println("listening on port " + connector.getLocalPort());
        server.join();
    }

    /** Starts the relay from this jar as a child process forwarding to {@code target}; answers its port. */
    static Process start(String target) throws Exception {
        Path jar = Path.of(Relay.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", jar.toString(), Relay.class.getName(), target)
                .redirectErrorStream(true).start();
    }

    /** Reads the child's output until it names its port. */
    static int port(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("listening on port ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "relay-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(18).trim());
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("the relay exited: " + seen);
    }
}
