package dev.sequent.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on the loopback address serving byte arrays under their names, with the
 * misbehaviours the downloader must survive: a connection cut after some bytes, a server that
 * ignores Range. Never reachable from outside the machine.
 */
final class LoopbackServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** The Range header of every request, in order ("" when there was none). */
    final List<String> ranges = new CopyOnWriteArrayList<>();
    /** When positive, the next this-many responses stop after {@link #cutAfter} bytes and close the connection. */
    final AtomicInteger cutsLeft = new AtomicInteger();
    volatile int cutAfter;
    volatile boolean ignoreRange;
    /** When positive, the next this-many responses stop after {@link #cutAfter} bytes and go silent (at most 10 s). */
    final AtomicInteger stallsLeft = new AtomicInteger();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // A stalled handler must not hold up the next request.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    LoopbackServer serve(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    /** The base address the catalogue is pointed at. */
    URI base() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/files/");
    }

    /** An address whose every file answers with a redirect (302) to the same file under {@link #base()}. */
    URI movedBase() {
        return base().resolve("/moved/");
    }

    private void handle(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "" : range);
        String path = ex.getRequestURI().getPath();
        if (path.startsWith("/moved/")) {
            ex.getResponseHeaders().add("Location", "/files/" + path.substring("/moved/".length()));
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        byte[] data = path.startsWith("/files/") ? files.get(path.substring("/files/".length())) : null;
        if (data == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int from = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches() && !ignoreRange) {
            from = Integer.parseInt(m.group(1));
            if (from >= data.length) {
                ex.getResponseHeaders().add("Content-Range", "bytes */" + data.length);
                ex.sendResponseHeaders(416, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
            ex.sendResponseHeaders(206, data.length - from);
        } else {
            ex.sendResponseHeaders(200, data.length);
        }
        OutputStream out = ex.getResponseBody();
        if (cutsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            out.write(data, from, Math.min(cutAfter, data.length - from));
            out.flush();
            // A handler that throws makes the server drop the connection mid-body, as a network failure would.
            throw new IOException("simulated network failure after " + cutAfter + " bytes");
        }
        if (stallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            out.write(data, from, Math.min(cutAfter, data.length - from));
            out.flush();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("stalled");
        }
        out.write(data, from, data.length - from);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
