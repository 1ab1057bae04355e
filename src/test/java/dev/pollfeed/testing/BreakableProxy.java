package dev.pollfeed.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A TCP proxy to PostgreSQL that can kill connections the way a frozen Lambda environment meets them: the server side
 * is gone, but the client is not told until it next uses the socket, and then gets a reset mid-query.
 */
public final class BreakableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Supplier<InetSocketAddress> target;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final List<ByteArrayOutputStream> clientStreams = new CopyOnWriteArrayList<>();
    private volatile boolean recording;

    public BreakableProxy(Supplier<InetSocketAddress> target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "breakable-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Keeps a copy of everything clients send from now on (see {@link #clientStreams()}). */
    public void record() {
        recording = true;
    }

    /** What each client connection sent since {@link #record()}, for inspection of the wire protocol. */
    public List<byte[]> clientStreams() {
        return clientStreams.stream().map(ByteArrayOutputStream::toByteArray).toList();
    }

    /** Silently breaks every open connection; returns how many. */
    public int breakAll() {
        int broken = 0;
        for (Link link : links) {
            if (link.breakSilently()) {
                broken++;
            }
        }
        return broken;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Link link : links) {
            link.closeBoth();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target.get(), 5_000);
                Link link = new Link(client, upstream);
                links.add(link);
                link.start();
            } catch (IOException e) {
                // Closed, or the target refused: the client sees its connection fail.
            }
        }
    }

    private final class Link {

        private final Socket client;
        private final Socket upstream;
        private volatile boolean broken;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            pump(client, upstream, true);
            pump(upstream, client, false);
        }

        boolean breakSilently() {
            if (broken || client.isClosed()) {
                return false;
            }
            broken = true;
            close(upstream);
            return true;
        }

        void closeBoth() {
            close(client);
            close(upstream);
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            ByteArrayOutputStream copy = fromClient && recording ? new ByteArrayOutputStream() : null;
            if (copy != null) {
                clientStreams.add(copy);
            }
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0;) {
                        if (broken) {
                            break;
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                        if (copy != null) {
                            synchronized (copy) {
                                copy.write(buffer, 0, n);
                            }
                        }
                    }
                } catch (IOException e) {
                    // One side went away.
                }
                if (broken && fromClient) {
                    reset(client);
                } else if (!broken) {
                    closeBoth();
                }
                links.remove(this);
            }, "breakable-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed.
        }
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
