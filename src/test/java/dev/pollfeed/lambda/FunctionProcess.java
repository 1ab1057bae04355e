package dev.pollfeed.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * function.zip unpacked and started as the Lambda Java runtime starts it: the zip's root and lib/ on the class path,
 * AWS's runtime interface client as the main class, the handler as its argument.
 */
final class FunctionProcess implements AutoCloseable {

    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private final Process process;
    final long startedAt;

    private FunctionProcess(Process process, long startedAt) {
        this.process = process;
        this.startedAt = startedAt;
    }

    static Path unpack(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null;) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(new NonClosing(entries), target);
                }
            }
        }
        return into;
    }

    static FunctionProcess start(Path taskRoot, Path runtimeClient, String runtimeApi, Map<String, String> environment,
            Path log) throws IOException {
        return start(taskRoot, runtimeClient, runtimeApi, environment, log, HANDLER);
    }

    /** The same with another handler (the templates' FrontDoorHandler, which also reads load balancer events). */
    static FunctionProcess start(Path taskRoot, Path runtimeClient, String runtimeApi, Map<String, String> environment,
            Path log, String handler) throws IOException {
        String classPath = taskRoot + ":" + taskRoot.resolve("lib") + "/*:" + runtimeClient + "/*";
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // What AWS's java17 runtime starts the JVM with, less the memory flags of the function size.
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", classPath, "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("POLLFEED_"));
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "pollfeed-e2e");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/pollfeed-e2e");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "e2e");
        env.put("AWS_REGION", "us-east-1");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", handler);
        // Every access line, not Lambda's default one in 100: the tests read the line of a given request.
        env.put("POLLFEED_ACCESS_LOG_SAMPLE_EVERY", "1");
        env.putAll(environment);
        long startedAt = System.nanoTime();
        return new FunctionProcess(builder.start(), startedAt);
    }

    long pid() {
        return process.pid();
    }

    /** SIGSTOP / SIGCONT: what the Lambda service does to an environment between invocations. */
    void freeze() throws Exception {
        signal("-STOP");
    }

    void thaw() throws Exception {
        signal("-CONT");
    }

    private void signal(String signal) throws Exception {
        new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Lets Files.copy read one zip entry without closing the whole zip stream. */
    private static final class NonClosing extends java.io.FilterInputStream {

        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
