package dev.estore.gcp.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Google Cloud SDK's Pub/Sub emulator as a child process on a free port of 127.0.0.1, for tests. Its location
 * can be changed with {@code PUBSUB_EMULATOR_BIN}; tests skip (see {@link RequiresPubSubEmulator}) when it is absent.
 */
public final class PubSubEmulator implements AutoCloseable {

    public static final Path DEFAULT_BIN =
            Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator");
    public static final String PROJECT = "local-project";

    private final Process process;
    private final int port;

    private PubSubEmulator(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Path bin() {
        String configured = System.getenv("PUBSUB_EMULATOR_BIN");
        return configured == null || configured.isBlank() ? DEFAULT_BIN : Path.of(configured);
    }

    public static boolean installed() {
        return Files.isExecutable(bin());
    }

    /** Starts the emulator and waits for "Server started" (about 3 s). */
    public static PubSubEmulator start() throws IOException, InterruptedException {
        int port = freePort();
        Process process = new ProcessBuilder(bin().toString(), "--host=127.0.0.1", "--port=" + port)
                .redirectErrorStream(true).start();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.contains("Server started")) {
                        started.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "pubsub-emulator-log");
        reader.setDaemon(true);
        reader.start();
        if (!started.await(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("The Pub/Sub emulator at " + bin() + " did not start on port " + port
                    + " within 60 s");
        }
        return new PubSubEmulator(process, port);
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
